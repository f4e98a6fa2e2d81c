/*
 * tsorch-shim: the per-container monitor (docs/adr/002-container-monitor-shim.md).
 *
 * One shim runs per container and outlives the daemon. It mounts the container's root
 * filesystem (--mount), runs the OCI runtime's `create` command with the container's stdout and stderr connected to pipes it holds, becomes the
 * container's reaper (PR_SET_CHILD_SUBREAPER), writes every output line as a JSON record
 * ({"log","stream","time"}, docker json-file format) to a size-rotated log file, and records the
 * exit status in DIR/exit.json (atomically: tmp + rename) when the container's init exits.
 * DIR/shim.pid exists while the shim runs: it is removed last, after the runtime's delete.
 *
 * Usage:
 *   tsorch-shim --dir DIR --pid-file FILE --log FILE --log-max-bytes N --log-max-files N
 *               [--oom-file FILE] [--mount FSTYPE SOURCE TARGET OPTIONS [--mount-cwd DIR]]
 *               [--unmount PATH] [--exec-fifo FIFO] [--console-socket PATH] [--attach PATH]
 *               [--stdin 1] -- CREATE ARGV... [--- START ARGV... [--- DELETE ARGV...]]
 * CREATE is the runtime's full `create` (or `run --detach`) command line. With START, the shim
 * also starts the container before it reports. With DELETE, it deletes the container after its
 * exit, having read the kernel's OOM-kill counter from the cgroup file FILE (v1
 * memory.oom_control, v2 memory.events) into exit.json's "oomKilled". With --mount, it mounts
 * the container's root filesystem with mount(2) before CREATE, as containerd's shim does, from
 * the working directory DIR when given (overlay's options name its layers by short relative
 * links, so that a page holds them); OPTIONS is mount(2)'s data as is (no flags are parsed out
 * of it, unlike mount(8)). It unmounts it again when CREATE or START fails. With
 * --unmount, it
 * unmounts PATH (the container's root filesystem) after the exit, as containerd's shim does:
 * a system call here instead of an umount(8) process spawned by the daemon. With
 * --exec-fifo (runc's `<state>/<id>/exec.fifo`), the shim starts the container itself, as
 * `runc start` does (read the fifo, remove it), and runs START only when there is no such fifo.
 * With --console-socket (named in CREATE as the runtime's console socket: the container has a
 * terminal), the shim receives the terminal's master (SCM_RIGHTS) and logs what it reads as
 * stdout. With --attach, clients connect to PATH to receive the output as it comes and send
 * input and terminal sizes (see "Attach" below); with --stdin 1, the container's stdin is a pipe
 * the shim holds (without it, /dev/null).
 *
 * The first process reports on its stdout one line and exits:
 *   "ok <container pid>"            the container is created (not started) and monitored
 *   "error <exit code> <message>"   the runtime's create failed (its stderr, on one line)
 *   "mount-failed <message>"        --mount failed (strerror); nothing is left mounted
 * The monitor itself continues in the background in its own session.
 *
 *   tsorch-shim tty-exec SOCKET PIDFILE -- RUNTIME ARGV...
 * runs the runtime's `exec --detach --tty --console-socket SOCKET --pid-file PIDFILE` as a
 * subreaper, receives the terminal's master over SOCKET (SCM_RIGHTS), relays its own stdin to
 * the terminal and the terminal to its stdout, reaps the exec'd process and exits with its code.
 * Node cannot receive file descriptors, so the daemon runs this instead.
 *
 *   tsorch-shim standby
 * waits for the arguments of the first form on stdin (NUL-separated, ended by EOF), then
 * re-executes itself with them: the daemon starts one ahead of need, off the container start
 * path.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define LINE_MAX_BYTES 16384
#define DRAIN_AFTER_EXIT_MS 2000
#define FIFO_START_MAX_MS 10000

static void attach_output(int type, const char *data, size_t n);

struct stream {
  const char *name;
  /* The attach frame type: 1 stdout, 2 stderr. */
  int type;
  int fd;
  char buf[LINE_MAX_BYTES];
  size_t len;
};

static const char *opt_dir, *opt_pid_file, *opt_log;
static long long opt_log_max_bytes = 10 * 1024 * 1024;
static int opt_log_max_files = 3;
static char **runtime_argv, **start_argv, **delete_argv;
static const char *opt_oom_file, *opt_unmount, *opt_exec_fifo;
/* --console-socket PATH (the container has a terminal), --attach PATH, --stdin. */
static const char *opt_console, *opt_attach;
static int opt_stdin;
/* --mount FSTYPE SOURCE TARGET OPTIONS: four values; --mount-cwd DIR. */
static char **opt_mount;
static const char *opt_mount_cwd;
/* Set once --mount succeeded: a failure before the report undoes it. */
static int rootfs_mounted;

static int log_fd = -1;
static long long log_size;

static void die(const char *what) {
  dprintf(2, "tsorch-shim: %s: %s\n", what, strerror(errno));
  _exit(1);
}

static void usage(void) {
  dprintf(2, "usage: tsorch-shim --dir DIR --pid-file FILE --log FILE [--log-max-bytes N] "
             "[--log-max-files N] [--oom-file FILE] [--mount FSTYPE SOURCE TARGET OPTIONS "
             "[--mount-cwd DIR]] [--unmount PATH] [--exec-fifo FIFO] [--console-socket PATH] "
             "[--attach PATH] [--stdin 1] -- RUNTIME ARGV...\n");
  exit(2);
}

static int write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

static void now_rfc3339(char *out, size_t cap) {
  struct timespec ts;
  struct tm tm;
  clock_gettime(CLOCK_REALTIME, &ts);
  gmtime_r(&ts.tv_sec, &tm);
  size_t n = strftime(out, cap, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(out + n, cap - n, ".%09ldZ", ts.tv_nsec);
}

static void log_open(void) {
  log_fd = open(opt_log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (log_fd < 0) die("open log");
  struct stat st;
  log_size = fstat(log_fd, &st) == 0 ? st.st_size : 0;
}

/* Rotation like docker's json-file: FILE -> FILE.1 -> ... -> FILE.(max-1); the oldest goes. */
static void log_rotate(void) {
  close(log_fd);
  if (opt_log_max_files <= 1) {
    if (truncate(opt_log, 0) != 0 && errno != ENOENT) die("truncate log");
  } else {
    char from[4096], to[4096];
    for (int i = opt_log_max_files - 1; i >= 1; i--) {
      if (i == 1)
        snprintf(from, sizeof from, "%s", opt_log);
      else
        snprintf(from, sizeof from, "%s.%d", opt_log, i - 1);
      snprintf(to, sizeof to, "%s.%d", opt_log, i);
      rename(from, to);
    }
  }
  log_open();
}

static void log_record(const char *stream, const char *data, size_t n) {
  /* Worst case every byte escapes to \u00XX (6 bytes). */
  static char rec[LINE_MAX_BYTES * 6 + 256];
  char ts[64];
  now_rfc3339(ts, sizeof ts);
  size_t o = 0;
  o += (size_t)sprintf(rec + o, "{\"log\":\"");
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)data[i];
    switch (c) {
      case '"': rec[o++] = '\\'; rec[o++] = '"'; break;
      case '\\': rec[o++] = '\\'; rec[o++] = '\\'; break;
      case '\n': rec[o++] = '\\'; rec[o++] = 'n'; break;
      case '\r': rec[o++] = '\\'; rec[o++] = 'r'; break;
      case '\t': rec[o++] = '\\'; rec[o++] = 't'; break;
      default:
        if (c < 0x20) o += (size_t)sprintf(rec + o, "\\u%04x", c);
        else rec[o++] = (char)c;
    }
  }
  o += (size_t)sprintf(rec + o, "\",\"stream\":\"%s\",\"time\":\"%s\"}\n", stream, ts);
  if (log_size > 0 && log_size + (long long)o > opt_log_max_bytes) log_rotate();
  if (write_all(log_fd, rec, o) == 0) log_size += (long long)o;
}

/* Emits every complete line; a line longer than the buffer is emitted in pieces. */
static void stream_feed(struct stream *s, const char *data, size_t n) {
  while (n > 0) {
    size_t take = sizeof s->buf - s->len;
    if (take > n) take = n;
    memcpy(s->buf + s->len, data, take);
    s->len += take;
    data += take;
    n -= take;
    size_t start = 0;
    for (size_t i = 0; i < s->len; i++) {
      if (s->buf[i] == '\n') {
        log_record(s->name, s->buf + start, i + 1 - start);
        start = i + 1;
      }
    }
    if (start == 0 && s->len == sizeof s->buf) {
      log_record(s->name, s->buf, s->len);
      start = s->len;
    }
    memmove(s->buf, s->buf + start, s->len - start);
    s->len -= start;
  }
}

static void stream_flush(struct stream *s) {
  if (s->len > 0) log_record(s->name, s->buf, s->len);
  s->len = 0;
}

/* Reads what is available; returns 0 at EOF. */
static int stream_read(struct stream *s) {
  char tmp[32768];
  for (;;) {
    ssize_t r = read(s->fd, tmp, sizeof tmp);
    if (r > 0) {
      stream_feed(s, tmp, (size_t)r);
      attach_output(s->type, tmp, (size_t)r);
      continue;
    }
    if (r == 0) return 0;
    if (errno == EINTR) continue;
    if (errno == EAGAIN) return 1;
    return 0;
  }
}

static void write_file_atomic(const char *name, const char *content) {
  char path[4096], tmp[4096];
  snprintf(path, sizeof path, "%s/%s", opt_dir, name);
  snprintf(tmp, sizeof tmp, "%s/.%s.tmp", opt_dir, name);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) die("open state file");
  /* No fsync: these files describe processes, which do not survive a power loss either; the
     rename alone keeps readers from ever seeing a torn file. */
  if (write_all(fd, content, strlen(content)) != 0) die("write state file");
  close(fd);
  if (rename(tmp, path) != 0) die("rename state file");
}

static void report(int fd, const char *line) {
  write_all(fd, line, strlen(line));
  close(fd);
}

/* Mounts --mount from --mount-cwd (then back to the current directory); 0, or -1 with errno. */
static int mount_rootfs(void) {
  const char *fstype = opt_mount[0], *source = opt_mount[1], *target = opt_mount[2], *options = opt_mount[3];
  /* mount(2) copies at most a page of options: a longer string would be cut, not refused. */
  if (strlen(options) >= (size_t)sysconf(_SC_PAGESIZE)) {
    errno = E2BIG;
    return -1;
  }
  int here = -1;
  if (opt_mount_cwd != NULL) {
    here = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (here < 0 || chdir(opt_mount_cwd) != 0) {
      int e = errno;
      if (here >= 0) close(here);
      errno = e;
      return -1;
    }
  }
  int rc = mount(source, target, fstype, 0, options);
  int e = errno;
  if (here >= 0) {
    if (fchdir(here) != 0) dprintf(2, "tsorch-shim: return from %s: %s\n", opt_mount_cwd, strerror(errno));
    close(here);
  }
  errno = e;
  return rc;
}

/* Reports a failure before the container started; unmounts what --mount mounted first, so a
   failed start leaves nothing mounted. Returns 1, the monitor's exit code. */
static int fail(int fd, const char *line) {
  if (opt_attach != NULL) unlink(opt_attach);
  if (opt_console != NULL) unlink(opt_console);
  if (rootfs_mounted && umount2(opt_mount[2], 0) != 0)
    dprintf(2, "tsorch-shim: unmount %s: %s\n", opt_mount[2], strerror(errno));
  report(fd, line);
  return 1;
}

/* Runs cmd with stdin and stdout on /dev/null; returns its exit code, stderr in err (one line). */
static int run_quiet(char **cmd, char *err, size_t cap) {
  int ep[2];
  err[0] = 0;
  if (pipe2(ep, O_CLOEXEC) != 0) return 127;
  pid_t pid = fork();
  if (pid < 0) return 127;
  if (pid == 0) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    int devnull = open("/dev/null", O_RDWR);
    dup2(devnull, 0);
    dup2(devnull, 1);
    dup2(ep[1], 2);
    execvp(cmd[0], cmd);
    dprintf(2, "cannot run %s: %s", cmd[0], strerror(errno));
    _exit(127);
  }
  close(ep[1]);
  size_t n = 0;
  for (;;) {
    ssize_t r = read(ep[0], err + n, cap - 1 - n);
    if (r > 0 && n + (size_t)r < cap - 1) {
      n += (size_t)r;
      continue;
    }
    if (r < 0 && errno == EINTR) continue;
    if (r > 0) n += (size_t)r;
    break;
  }
  err[n] = 0;
  for (size_t i = 0; i < n; i++)
    if (err[i] == '\n' || err[i] == '\r') err[i] = ' ';
  close(ep[0]);
  int st;
  while (waitpid(pid, &st, 0) < 0)
    if (errno != EINTR) return 127;
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* The "oom_kill N" counter of a cgroup file, or -1 when unreadable. */
static long oom_kills(const char *path) {
  FILE *f = fopen(path, "r");
  if (f == NULL) return -1;
  char l[256];
  long n = -1;
  while (fgets(l, sizeof l, f) != NULL)
    if (sscanf(l, "oom_kill %ld", &n) == 1) break;
  fclose(f);
  return n;
}

/* The parent pid of `pid` from /proc, or -1. */
static int parent_of(int pid) {
  char path[64], buf[512];
  snprintf(path, sizeof path, "/proc/%d/stat", pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return -1;
  buf[n] = 0;
  /* "pid (comm) state ppid ...": comm may hold spaces and parentheses; skip to the last ')'. */
  char *r = strrchr(buf, ')');
  int ppid = -1;
  if (r == NULL || sscanf(r + 1, " %*c %d", &ppid) != 1) return -1;
  return ppid;
}

static long long monotonic_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* True while `pid` runs (neither gone nor a zombie). */
static int running(int pid) {
  char path[64], buf[512];
  snprintf(path, sizeof path, "/proc/%d/stat", pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return 0;
  buf[n] = 0;
  char *r = strrchr(buf, ')');
  return r != NULL && r[1] == ' ' && r[2] != 'Z' && r[2] != 'X';
}

/*
 * Starts a created runc container as `runc start` does, without a runtime process: the init
 * waits to be let go at its exec fifo; read it (the init writes one byte, then execs, which
 * closes it) and remove it (runc's state then shows "running"). Returns 0 when started, 1 when
 * the init ended first, -1 when there is no such fifo (the caller runs the runtime's start).
 */
static int start_by_fifo(const char *path, int pid) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? -1 : 1;
  size_t got = 0;
  int rc = 1;
  long long deadline = monotonic_ms() + FIFO_START_MAX_MS;
  while (monotonic_ms() < deadline) {
    char b[16];
    ssize_t r = read(fd, b, sizeof b);
    if (r > 0) {
      got += (size_t)r;
      continue;
    }
    if (r == 0 && got > 0) {
      rc = 0; /* the init wrote and exec'd */
      break;
    }
    if (r < 0 && errno == EINTR) continue;
    /* No writer yet, or no data yet: wait, while the init lives. */
    if (!running(pid)) break;
    struct pollfd p = {fd, POLLIN, 0};
    poll(&p, 1, 20);
  }
  close(fd);
  if (rc == 0) unlink(path);
  return rc;
}

static void set_nonblock(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

/*
 * Attach (docs/adr/024-attach-and-streams.md): clients connect to the --attach socket and
 * exchange frames of a type byte, a 4-byte big-endian length and the payload.
 *   client -> shim: 'h' hello (1 byte: 1 = replay the output since the start), 'i' input,
 *                   'c' end of input, 'r' resize (rows, columns: 2 bytes each, big-endian)
 *   shim -> client: 1 stdout, 2 stderr
 * Output made before the first hello is kept (bounded, oldest dropped) and given to that
 * client when it asks for it: `run -it` attaches after the start and still sees the first
 * prompt. Input is written to the terminal's master or the container's stdin pipe without
 * blocking; a slow client is dropped when its queue passes ATTACH_CLIENT_OUT_MAX.
 */
#define ATTACH_MAX_CLIENTS 16
#define ATTACH_FRAME_MAX 32768
#define ATTACH_CLIENT_OUT_MAX (1024 * 1024)
#define ATTACH_EARLY_MAX (256 * 1024)
#define ATTACH_INPUT_MAX 65536
#define ATTACH_FLUSH_MS 2000
#define ATTACH_HELLO_WAIT_MS 500

struct client {
  int fd;
  int hello;
  char rbuf[ATTACH_FRAME_MAX + 5];
  size_t rlen;
  char *obuf;
  size_t olen, ocap;
};
static struct client clients[ATTACH_MAX_CLIENTS];
static int attach_listen = -1;
/* A client said hello: output goes to clients, no longer to the early buffer. */
static int attach_seen;
static char *early;
static size_t early_len;
/* The container's input: the terminal's master or the write end of its stdin pipe. */
static int in_fd = -1, in_is_tty, in_close_pending;
static char inbuf[ATTACH_INPUT_MAX];
static size_t in_len;
static int tty_master = -1;

static size_t be32(const char *p) {
  const unsigned char *u = (const unsigned char *)p;
  return ((size_t)u[0] << 24) | ((size_t)u[1] << 16) | ((size_t)u[2] << 8) | u[3];
}

static void frame_header(char *h, int type, size_t n) {
  h[0] = (char)type;
  h[1] = (char)(n >> 24);
  h[2] = (char)(n >> 16);
  h[3] = (char)(n >> 8);
  h[4] = (char)n;
}

/* A listening unix socket at path (0600), or -1. */
static int listen_unix(const char *path) {
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  if (strlen(path) >= sizeof addr.sun_path) {
    errno = ENAMETOOLONG;
    return -1;
  }
  strcpy(addr.sun_path, path);
  unlink(path);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return -1;
  if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || chmod(path, 0600) != 0 || listen(fd, 8) != 0) {
    int e = errno;
    close(fd);
    errno = e;
    return -1;
  }
  return fd;
}

static void client_drop(struct client *c) {
  if (c->fd >= 0) close(c->fd);
  c->fd = -1;
  free(c->obuf);
  c->obuf = NULL;
  c->olen = c->ocap = 0;
  c->rlen = 0;
  c->hello = 0;
}

static void client_flush(struct client *c) {
  while (c->fd >= 0 && c->olen > 0) {
    ssize_t w = send(c->fd, c->obuf, c->olen, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (w < 0) {
      if (errno == EINTR) continue;
      if (errno != EAGAIN) client_drop(c);
      return;
    }
    memmove(c->obuf, c->obuf + w, c->olen - (size_t)w);
    c->olen -= (size_t)w;
  }
}

static void client_queue(struct client *c, const char *p, size_t n) {
  if (c->fd < 0 || n == 0) return;
  if (c->olen + n > ATTACH_CLIENT_OUT_MAX) {
    client_drop(c);
    return;
  }
  if (c->olen + n > c->ocap) {
    size_t cap = c->ocap > 0 ? c->ocap : 65536;
    while (cap < c->olen + n) cap *= 2;
    char *b = realloc(c->obuf, cap);
    if (b == NULL) {
      client_drop(c);
      return;
    }
    c->obuf = b;
    c->ocap = cap;
  }
  memcpy(c->obuf + c->olen, p, n);
  c->olen += n;
  client_flush(c);
}

static void early_append(const char *h, const char *data, size_t n) {
  size_t need = 5 + n;
  if (need > ATTACH_EARLY_MAX) return;
  while (early_len + need > ATTACH_EARLY_MAX && early_len > 0) {
    size_t first = 5 + be32(early + 1);
    memmove(early, early + first, early_len - first);
    early_len -= first;
  }
  if (early == NULL && (early = malloc(ATTACH_EARLY_MAX)) == NULL) return;
  memcpy(early + early_len, h, 5);
  memcpy(early + early_len + 5, data, n);
  early_len += need;
}

/* Output of the container (type 1 stdout, 2 stderr) to the attached clients. */
static void attach_output(int type, const char *data, size_t n) {
  if (attach_listen < 0) return;
  while (n > 0) {
    size_t k = n > ATTACH_FRAME_MAX ? ATTACH_FRAME_MAX : n;
    char h[5];
    frame_header(h, type, k);
    if (!attach_seen) {
      early_append(h, data, k);
    } else {
      for (int i = 0; i < ATTACH_MAX_CLIENTS; i++) {
        struct client *c = &clients[i];
        if (c->fd < 0 || !c->hello) continue;
        client_queue(c, h, 5);
        client_queue(c, data, k);
      }
    }
    data += k;
    n -= k;
  }
}

static void attach_accept(void) {
  for (;;) {
    int fd = accept4(attach_listen, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) return;
    int slot = -1;
    for (int i = 0; i < ATTACH_MAX_CLIENTS && slot < 0; i++)
      if (clients[i].fd < 0) slot = i;
    if (slot < 0) {
      close(fd);
      continue;
    }
    clients[slot].fd = fd;
  }
}

/* Applies the client's complete frames; input waits in its buffer while the input queue is full. */
static void client_frames(struct client *c) {
  size_t at = 0;
  while (c->fd >= 0 && c->rlen - at >= 5) {
    size_t n = be32(c->rbuf + at + 1);
    if (n > ATTACH_FRAME_MAX) {
      client_drop(c);
      return;
    }
    if (c->rlen - at < 5 + n) break;
    char type = c->rbuf[at];
    const char *p = c->rbuf + at + 5;
    if (type == 'i') {
      if (in_fd >= 0 && !in_close_pending) {
        if (sizeof inbuf - in_len < n) break;
        memcpy(inbuf + in_len, p, n);
        in_len += n;
      }
    } else if (type == 'c') {
      /* A terminal's input has no end to send; a pipe is closed once drained. */
      if (in_fd >= 0 && !in_is_tty) in_close_pending = 1;
    } else if (type == 'r' && n == 4 && tty_master >= 0) {
      struct winsize ws = {.ws_row = (unsigned short)((unsigned char)p[0] << 8 | (unsigned char)p[1]),
                           .ws_col = (unsigned short)((unsigned char)p[2] << 8 | (unsigned char)p[3])};
      ioctl(tty_master, TIOCSWINSZ, &ws);
    } else if (type == 'h' && n >= 1) {
      c->hello = 1;
      if (!attach_seen) {
        attach_seen = 1;
        if (p[0] == 1) client_queue(c, early, early_len);
        free(early);
        early = NULL;
        early_len = 0;
      }
    }
    at += 5 + n;
  }
  if (c->fd < 0) return;
  memmove(c->rbuf, c->rbuf + at, c->rlen - at);
  c->rlen -= at;
}

static void client_read(struct client *c) {
  ssize_t r = recv(c->fd, c->rbuf + c->rlen, sizeof c->rbuf - c->rlen, MSG_DONTWAIT);
  if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
    client_drop(c);
    return;
  }
  if (r > 0) c->rlen += (size_t)r;
  client_frames(c);
}

/* Writes queued input to the container without blocking; then frames held back can go on. */
static void input_flush(void) {
  while (in_fd >= 0 && in_len > 0) {
    ssize_t w = write(in_fd, inbuf, in_len);
    if (w < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) return;
      in_len = 0; /* the container closed its input */
      break;
    }
    memmove(inbuf, inbuf + w, in_len - (size_t)w);
    in_len -= (size_t)w;
  }
  if (in_len == 0 && in_close_pending && in_fd >= 0) {
    close(in_fd);
    in_fd = -1;
    in_close_pending = 0;
  }
  for (int i = 0; i < ATTACH_MAX_CLIENTS; i++)
    if (clients[i].fd >= 0 && clients[i].rlen > 0) client_frames(&clients[i]);
}

/* After the exit: gives clients their queued output (bounded), then closes them and the socket. */
static void attach_close(void) {
  if (attach_listen < 0) return;
  long long deadline = monotonic_ms() + ATTACH_FLUSH_MS;
  /* A client that connected as the container ended still gets its hello answered (the output
     replayed): wait briefly for the hellos not read yet. */
  attach_accept();
  for (;;) {
    struct pollfd p[ATTACH_MAX_CLIENTS];
    int n = 0;
    for (int i = 0; i < ATTACH_MAX_CLIENTS; i++)
      if (clients[i].fd >= 0 && !clients[i].hello) p[n++] = (struct pollfd){clients[i].fd, POLLIN, 0};
    long long left = deadline - ATTACH_FLUSH_MS + ATTACH_HELLO_WAIT_MS - monotonic_ms();
    if (n == 0 || left <= 0) break;
    poll(p, (nfds_t)n, (int)left);
    for (int i = 0; i < ATTACH_MAX_CLIENTS; i++)
      if (clients[i].fd >= 0 && !clients[i].hello) client_read(&clients[i]);
  }
  for (;;) {
    struct pollfd p[ATTACH_MAX_CLIENTS];
    int n = 0;
    for (int i = 0; i < ATTACH_MAX_CLIENTS; i++)
      if (clients[i].fd >= 0 && clients[i].olen > 0) p[n++] = (struct pollfd){clients[i].fd, POLLOUT, 0};
    long long left = deadline - monotonic_ms();
    if (n == 0 || left <= 0) break;
    poll(p, (nfds_t)n, (int)left);
    for (int i = 0; i < ATTACH_MAX_CLIENTS; i++) client_flush(&clients[i]);
  }
  for (int i = 0; i < ATTACH_MAX_CLIENTS; i++) {
    /* Read what the client sent, so that the close is an orderly end, not a reset that could
       cost it the output still unread on its side. */
    char sink[4096];
    while (clients[i].fd >= 0 && recv(clients[i].fd, sink, sizeof sink, MSG_DONTWAIT) > 0) {
    }
    client_drop(&clients[i]);
  }
  close(attach_listen);
  attach_listen = -1;
  unlink(opt_attach);
}

static int recv_fd(int sock);

static int monitor(int report_fd) {
  char line[8192];
  if (setsid() < 0) die("setsid");
  if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) die("prctl subreaper");
  snprintf(line, sizeof line, "%d\n", getpid());
  write_file_atomic("shim.pid", line);

  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGCHLD);
  sigaddset(&mask, SIGTERM);
  sigaddset(&mask, SIGINT);
  sigaddset(&mask, SIGHUP);
  sigaddset(&mask, SIGPIPE);
  if (sigprocmask(SIG_BLOCK, &mask, NULL) != 0) die("sigprocmask");
  int sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
  if (sfd < 0) die("signalfd");

  if (opt_mount != NULL) {
    if (mount_rootfs() != 0) {
      snprintf(line, sizeof line, "mount-failed %s\n", strerror(errno));
      report(report_fd, line);
      return 1;
    }
    rootfs_mounted = 1;
  }

  for (int i = 0; i < ATTACH_MAX_CLIENTS; i++) clients[i].fd = -1;
  int con = -1;
  if (opt_console != NULL && (con = listen_unix(opt_console)) < 0) {
    snprintf(line, sizeof line, "error 1 cannot listen on the console socket %s: %s\n", opt_console, strerror(errno));
    return fail(report_fd, line);
  }
  /* Before the start, so that a client can attach before the container's first output. */
  if (opt_attach != NULL && (attach_listen = listen_unix(opt_attach)) < 0) {
    snprintf(line, sizeof line, "error 1 cannot listen on the attach socket %s: %s\n", opt_attach, strerror(errno));
    return fail(report_fd, line);
  }
  int in[2] = {-1, -1};
  if (opt_stdin && opt_console == NULL && pipe2(in, O_CLOEXEC) != 0) die("pipe");
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) die("pipe");
  pid_t rt = fork();
  if (rt < 0) die("fork runtime");
  if (rt == 0) {
    int devnull = open("/dev/null", O_RDONLY);
    dup2(in[0] >= 0 ? in[0] : devnull, 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    sigprocmask(SIG_UNBLOCK, &mask, NULL);
    execvp(runtime_argv[0], runtime_argv);
    dprintf(2, "cannot run %s: %s\n", runtime_argv[0], strerror(errno));
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  set_nonblock(out[0]);
  set_nonblock(err[0]);
  if (in[0] >= 0) {
    close(in[0]);
    in_fd = in[1];
    set_nonblock(in_fd);
  }

  int st;
  while (waitpid(rt, &st, 0) < 0)
    if (errno != EINTR) die("waitpid runtime");
  if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
    char msg[4096];
    ssize_t n = read(err[0], msg, sizeof msg - 1);
    if (n < 0) n = 0;
    msg[n] = 0;
    for (ssize_t i = 0; i < n; i++)
      if (msg[i] == '\n' || msg[i] == '\r') msg[i] = ' ';
    snprintf(line, sizeof line, "error %d %s\n", WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st), msg);
    return fail(report_fd, line);
  }
  FILE *pf = fopen(opt_pid_file, "r");
  int cpid = 0;
  if (pf == NULL || fscanf(pf, "%d", &cpid) != 1 || cpid <= 0) {
    snprintf(line, sizeof line, "error 1 cannot read the pid file %s\n", opt_pid_file);
    return fail(report_fd, line);
  }
  fclose(pf);
  if (con >= 0) {
    /* The runtime sent the terminal's master during its create (it waits in the backlog). */
    struct pollfd cp = {con, POLLIN, 0};
    int cs = poll(&cp, 1, 2000) > 0 ? accept4(con, NULL, NULL, SOCK_CLOEXEC) : -1;
    tty_master = cs >= 0 ? recv_fd(cs) : -1;
    if (cs >= 0) close(cs);
    close(con);
    unlink(opt_console);
    if (tty_master < 0) {
      snprintf(line, sizeof line, "error 1 cannot receive the terminal of the container from %s\n", opt_console);
      return fail(report_fd, line);
    }
    set_nonblock(tty_master);
    in_fd = tty_master;
    in_is_tty = 1;
  }
  /* The runtime has exited, so its init child is ours now (we are the subreaper); anything else
     means we could never learn its exit status. */
  if (parent_of(cpid) != getpid()) {
    snprintf(line, sizeof line, "error 1 the container process %d is not a child of the shim (its parent: %d)\n", cpid,
             parent_of(cpid));
    return fail(report_fd, line);
  }
  int fifo_rc = opt_exec_fifo != NULL ? start_by_fifo(opt_exec_fifo, cpid) : -1;
  if (fifo_rc > 0) {
    snprintf(line, sizeof line, "error 1 cannot start the container: its process %d ended before it started\n", cpid);
    return fail(report_fd, line);
  }
  if (fifo_rc < 0 && start_argv != NULL) {
    char msg[4096];
    int rc = run_quiet(start_argv, msg, sizeof msg);
    if (rc != 0) {
      snprintf(line, sizeof line, "error %d %s\n", rc, msg);
      return fail(report_fd, line);
    }
  }
  log_open();
  snprintf(line, sizeof line, "ok %d\n", cpid);
  report(report_fd, line);

  struct stream so = {.name = "stdout", .type = 1, .fd = out[0]}, se = {.name = "stderr", .type = 2, .fd = err[0]},
                stt = {.name = "stdout", .type = 1, .fd = tty_master};
  int open_out = 1, open_err = 1, open_tty = tty_master >= 0, exited = 0, status = 0;
  long long exited_at = 0;
  while (open_out || open_err || open_tty || !exited) {
    struct pollfd p[6 + ATTACH_MAX_CLIENTS];
    p[0] = (struct pollfd){sfd, POLLIN, 0};
    p[1] = (struct pollfd){open_out ? so.fd : -1, POLLIN, 0};
    p[2] = (struct pollfd){open_err ? se.fd : -1, POLLIN, 0};
    p[3] = (struct pollfd){open_tty ? stt.fd : -1, POLLIN, 0};
    p[4] = (struct pollfd){attach_listen, POLLIN, 0};
    p[5] = (struct pollfd){in_fd >= 0 && in_len > 0 ? in_fd : -1, POLLOUT, 0};
    for (int i = 0; i < ATTACH_MAX_CLIENTS; i++) {
      struct client *c = &clients[i];
      short ev = (short)((c->rlen < sizeof c->rbuf ? POLLIN : 0) | (c->olen > 0 ? POLLOUT : 0));
      p[6 + i] = (struct pollfd){c->fd, ev, 0};
    }
    int streams_open = open_out || open_err || open_tty;
    /* With every output closed, poll now and then in case the process vanished unseen. */
    int timeout = !streams_open ? 1000 : -1;
    if (!exited && !streams_open && kill(cpid, 0) != 0 && errno == ESRCH) {
      exited = 1;
      status = 255 << 8;
      break;
    }
    if (exited) {
      long long left = DRAIN_AFTER_EXIT_MS - (monotonic_ms() - exited_at);
      if (left <= 0) break;
      timeout = (int)left;
    }
    int n = poll(p, 6 + ATTACH_MAX_CLIENTS, timeout);
    if (n < 0 && errno != EINTR) die("poll");
    if (n <= 0) continue;
    if (p[1].revents) open_out = stream_read(&so);
    if (p[2].revents) open_err = stream_read(&se);
    if (p[3].revents) open_tty = stream_read(&stt);
    if (p[4].revents) attach_accept();
    if (p[5].revents) input_flush();
    for (int i = 0; i < ATTACH_MAX_CLIENTS; i++) {
      struct client *c = &clients[i];
      if (c->fd < 0 || p[6 + i].fd != c->fd || p[6 + i].revents == 0) continue;
      if (p[6 + i].revents & POLLOUT) client_flush(c);
      if (c->fd >= 0 && (p[6 + i].revents & (POLLIN | POLLHUP | POLLERR))) client_read(c);
    }
    /* Also with nothing queued: an end of input that came after its data was written (a frame
       of its own) closes the pipe here, or the container would never see the end. */
    if (in_len > 0 || in_close_pending) input_flush();
    if (p[0].revents) {
      struct signalfd_siginfo si;
      while (read(sfd, &si, sizeof si) == sizeof si) {
      }
      pid_t w;
      int ws;
      while ((w = waitpid(-1, &ws, WNOHANG)) > 0) {
        if (w == cpid && !exited) {
          exited = 1;
          status = ws;
          exited_at = monotonic_ms();
        }
      }
    }
  }
  if (open_out) stream_read(&so);
  if (open_err) stream_read(&se);
  if (open_tty) stream_read(&stt);
  stream_flush(&so);
  stream_flush(&se);
  stream_flush(&stt);
  attach_close();
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  char ts[64];
  now_rfc3339(ts, sizeof ts);
  /* Read before the delete: the counter goes with the cgroup. */
  long ooms = opt_oom_file != NULL ? oom_kills(opt_oom_file) : -1;
  /* Not fatal: the daemon unmounts what is still mounted when it processes the exit. */
  if (opt_unmount != NULL && umount2(opt_unmount, 0) != 0 && errno != EINVAL && errno != ENOENT)
    dprintf(2, "tsorch-shim: unmount %s: %s\n", opt_unmount, strerror(errno));
  if (ooms >= 0)
    snprintf(line, sizeof line, "{\"exitCode\":%d,\"signal\":%d,\"oomKilled\":%s,\"finishedAt\":\"%s\"}\n", code, sig,
             ooms > 0 ? "true" : "false", ts);
  else
    snprintf(line, sizeof line, "{\"exitCode\":%d,\"signal\":%d,\"finishedAt\":\"%s\"}\n", code, sig, ts);
  /* The exit first, so waiters get their answer while the runtime's delete runs. */
  write_file_atomic("exit.json", line);
  if (delete_argv != NULL) {
    char msg[4096];
    if (run_quiet(delete_argv, msg, sizeof msg) != 0) dprintf(2, "tsorch-shim: delete failed: %s\n", msg);
  }
  /* The last act: without shim.pid the daemon knows the clean-up is over. */
  char pidpath[4096];
  snprintf(pidpath, sizeof pidpath, "%s/shim.pid", opt_dir);
  unlink(pidpath);
  return 0;
}

/* Receives one fd sent with SCM_RIGHTS, or -1. */
static int recv_fd(int sock) {
  char data[4096];
  char cbuf[CMSG_SPACE(sizeof(int))];
  struct iovec iov = {data, sizeof data};
  struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf};
  if (recvmsg(sock, &m, MSG_CMSG_CLOEXEC) < 0) return -1;
  struct cmsghdr *c = CMSG_FIRSTHDR(&m);
  if (c == NULL || c->cmsg_type != SCM_RIGHTS) return -1;
  int fd;
  memcpy(&fd, CMSG_DATA(c), sizeof fd);
  return fd;
}

static int exit_code_of(int st) { return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st); }

static int tty_exec(int argc, char **argv) {
  if (argc < 6 || strcmp(argv[4], "--") != 0) usage();
  const char *path = argv[2];
  const char *pid_file = argv[3];
  char **cmd = argv + 5;
  signal(SIGPIPE, SIG_IGN);
  /* runc exec --detach leaves the process to the nearest subreaper: this one. */
  if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) die("prctl subreaper");
  int ls = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  if (ls < 0 || strlen(path) >= sizeof addr.sun_path) die("console socket");
  strcpy(addr.sun_path, path);
  unlink(path);
  if (bind(ls, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(ls, 1) != 0) die("console socket");
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    execvp(cmd[0], cmd);
    dprintf(2, "cannot run %s: %s\n", cmd[0], strerror(errno));
    _exit(127);
  }
  int st, master = -1;
  for (;;) {
    struct pollfd p = {ls, POLLIN, 0};
    if (poll(&p, 1, 100) > 0) {
      int cs = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
      if (cs >= 0) {
        master = recv_fd(cs);
        close(cs);
      }
      break;
    }
    if (waitpid(pid, &st, WNOHANG) == pid) {
      unlink(path);
      return exit_code_of(st);
    }
  }
  close(ls);
  unlink(path);
  if (master < 0) die("receive the terminal");
  while (waitpid(pid, &st, 0) < 0)
    if (errno != EINTR) die("waitpid runtime");
  if (exit_code_of(st) != 0) return exit_code_of(st);
  FILE *pf = fopen(pid_file, "r");
  int xpid = 0;
  if (pf == NULL || fscanf(pf, "%d", &xpid) != 1 || xpid <= 0) die("read the exec pid file");
  fclose(pf);
  int in_open = 1;
  char buf[32768];
  for (;;) {
    struct pollfd p[2] = {{master, POLLIN, 0}, {in_open ? 0 : -1, POLLIN, 0}};
    if (poll(p, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (p[0].revents) {
      ssize_t n = read(master, buf, sizeof buf);
      if (n <= 0) break; /* EIO: the process side of the terminal is closed */
      if (write_all(1, buf, (size_t)n) != 0) break;
    }
    if (p[1].revents) {
      ssize_t n = read(0, buf, sizeof buf);
      if (n <= 0) {
        in_open = 0;
        /* End of input: an EOT, as a terminal's ^D (canonical mode). */
        write_all(master, "\x04", 1);
      } else if (write_all(master, buf, (size_t)n) != 0) {
        break;
      }
    }
  }
  close(master);
  while (waitpid(xpid, &st, 0) < 0)
    if (errno != EINTR) die("waitpid exec");
  return exit_code_of(st);
}

static int run_shim(int argc, char **argv);

/* Bounds of a standby request: the argument bytes and their count. */
#define STANDBY_MAX_BYTES (256 * 1024)
#define STANDBY_MAX_ARGS 4096

/*
 * `tsorch-shim standby`: started ahead of need, waits for its arguments on stdin (NUL-separated,
 * ended by EOF), then runs as `tsorch-shim ARGS...`. The daemon keeps one in reserve, so a
 * container start does not pay for forking the daemon's large process. EOF without arguments
 * (the daemon closed it or went away) ends it quietly.
 */
static int standby(char *argv0) {
  static char data[STANDBY_MAX_BYTES + 1];
  static char *args[STANDBY_MAX_ARGS + 2];
  size_t n = 0;
  for (;;) {
    ssize_t r = read(0, data + n, STANDBY_MAX_BYTES - n);
    if (r > 0) {
      n += (size_t)r;
      if (n == STANDBY_MAX_BYTES) {
        dprintf(1, "error 1 the shim arguments exceed %d bytes\n", STANDBY_MAX_BYTES);
        return 1;
      }
      continue;
    }
    if (r < 0 && errno == EINTR) continue;
    break;
  }
  if (n == 0) return 0;
  data[n] = 0;
  int argc = 0;
  args[argc++] = argv0;
  for (size_t at = 0; at < n; at += strlen(data + at) + 1) {
    if (argc > STANDBY_MAX_ARGS) {
      dprintf(1, "error 1 the shim arguments exceed %d values\n", STANDBY_MAX_ARGS);
      return 1;
    }
    args[argc++] = data + at;
  }
  args[argc] = NULL;
  /* Become `tsorch-shim ARGS...` for real: the daemon recognises a live shim by its command
     line (which names its state directory) when it re-adopts containers. */
  execv("/proc/self/exe", args);
  return run_shim(argc, args);
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "tty-exec") == 0) return tty_exec(argc, argv);
  if (argc == 2 && strcmp(argv[1], "standby") == 0) return standby(argv[0]);
  return run_shim(argc, argv);
}

static int run_shim(int argc, char **argv) {
  int i = 1;
  for (; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) {
      i++;
      break;
    }
    if (i + 1 >= argc) usage();
    if (strcmp(argv[i], "--dir") == 0) opt_dir = argv[++i];
    else if (strcmp(argv[i], "--pid-file") == 0) opt_pid_file = argv[++i];
    else if (strcmp(argv[i], "--log") == 0) opt_log = argv[++i];
    else if (strcmp(argv[i], "--log-max-bytes") == 0) opt_log_max_bytes = atoll(argv[++i]);
    else if (strcmp(argv[i], "--log-max-files") == 0) opt_log_max_files = atoi(argv[++i]);
    else if (strcmp(argv[i], "--oom-file") == 0) opt_oom_file = argv[++i];
    else if (strcmp(argv[i], "--unmount") == 0) opt_unmount = argv[++i];
    else if (strcmp(argv[i], "--mount") == 0) {
      if (i + 4 >= argc) usage();
      opt_mount = argv + i + 1;
      i += 4;
    } else if (strcmp(argv[i], "--mount-cwd") == 0) opt_mount_cwd = argv[++i];
    else if (strcmp(argv[i], "--exec-fifo") == 0) opt_exec_fifo = argv[++i];
    else if (strcmp(argv[i], "--console-socket") == 0) opt_console = argv[++i];
    else if (strcmp(argv[i], "--attach") == 0) opt_attach = argv[++i];
    else if (strcmp(argv[i], "--stdin") == 0) opt_stdin = atoi(argv[++i]);
    else usage();
  }
  if (opt_dir == NULL || opt_pid_file == NULL || opt_log == NULL || i >= argc) usage();
  if (opt_log_max_bytes < 1) opt_log_max_bytes = 1;
  if (opt_log_max_files < 1) opt_log_max_files = 1;
  /* A runtime that sees NOTIFY_SOCKET (a daemon run by systemd) would wait for the container's
     readiness and reap it itself; the shim is the only reaper. */
  unsetenv("NOTIFY_SOCKET");
  runtime_argv = argv + i;
  /* "---" separates the create, start and delete command lines. */
  char ***groups[] = {&start_argv, &delete_argv};
  int g = 0;
  for (int j = i; j < argc && g < 2; j++) {
    if (strcmp(argv[j], "---") == 0) {
      argv[j] = NULL;
      if (j + 1 >= argc) usage();
      *groups[g++] = argv + j + 1;
    }
  }

  int rp[2];
  if (pipe2(rp, O_CLOEXEC) != 0) die("pipe");
  pid_t child = fork();
  if (child < 0) die("fork");
  if (child == 0) {
    close(rp[0]);
    /* Let go of the caller's stdio at once, so the caller sees EOF when the report is done. */
    int devnull = open("/dev/null", O_RDWR);
    char shimlog[4096];
    snprintf(shimlog, sizeof shimlog, "%s/shim.log", opt_dir);
    int errfd = open(shimlog, O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(devnull, 0);
    dup2(devnull, 1);
    dup2(errfd >= 0 ? errfd : devnull, 2);
    if (devnull > 2) close(devnull);
    if (errfd > 2) close(errfd);
    _exit(monitor(rp[1]));
  }
  close(rp[1]);
  char buf[8192];
  size_t n = 0;
  for (;;) {
    ssize_t r = read(rp[0], buf + n, sizeof buf - 1 - n);
    if (r > 0) {
      n += (size_t)r;
      if (n == sizeof buf - 1) break;
      continue;
    }
    if (r < 0 && errno == EINTR) continue;
    break;
  }
  buf[n] = 0;
  if (n == 0) {
    snprintf(buf, sizeof buf, "error 1 the monitor ended before reporting (see %s/shim.log)\n", opt_dir);
    n = strlen(buf);
  }
  write_all(1, buf, n);
  return strncmp(buf, "ok ", 3) == 0 ? 0 : 1;
}
