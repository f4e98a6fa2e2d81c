/**
 * tsorch's default seccomp profile: Docker's default allowlist semantics (every syscall not
 * listed fails with EPERM; a few more are allowed only with the capability that governs them;
 * `clone` may not create namespaces without CAP_SYS_ADMIN; `clone3` answers ENOSYS so libcs fall
 * back to `clone`). The profile is data; {@link defaultSeccompProfile} renders it for one
 * architecture and capability set. Pure.
 *
 * @module
 */
import type { OciSeccomp, OciSeccompSyscall } from './oci-types.js';

const errnoEperm = 1;
const errnoEnosys = 38;

/** CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET. */
export const cloneNamespaceFlags = 0x7e020000;

/** Syscalls every container may make (names are kernel facts; unknown names are skipped by runtimes). */
const allowedAlways = `
accept accept4 access adjtimex alarm bind brk capget capset chdir chmod chown chown32
clock_adjtime clock_adjtime64 clock_getres clock_getres_time64 clock_gettime clock_gettime64
clock_nanosleep clock_nanosleep_time64 close close_range connect copy_file_range creat dup dup2
dup3 epoll_create epoll_create1 epoll_ctl epoll_ctl_old epoll_pwait epoll_pwait2 epoll_wait
epoll_wait_old eventfd eventfd2 execve execveat exit exit_group faccessat faccessat2 fadvise64
fadvise64_64 fallocate fanotify_mark fchdir fchmod fchmodat fchown fchown32 fchownat fcntl fcntl64
fdatasync fgetxattr flistxattr flock fork fremovexattr fsetxattr fstat fstat64 fstatat64 fstatfs
fstatfs64 fsync ftruncate ftruncate64 futex futex_time64 futex_waitv futimesat getcpu getcwd
getdents getdents64 getegid getegid32 geteuid geteuid32 getgid getgid32 getgroups getgroups32
getitimer getpeername getpgid getpgrp getpid getppid getpriority getrandom getresgid getresgid32
getresuid getresuid32 getrlimit get_robust_list getrusage getsid getsockname getsockopt
get_thread_area gettid gettimeofday getuid getuid32 getxattr inotify_add_watch inotify_init
inotify_init1 inotify_rm_watch io_cancel ioctl io_destroy io_getevents io_pgetevents
io_pgetevents_time64 ioprio_get ioprio_set io_setup io_submit io_uring_enter io_uring_register
io_uring_setup ipc kill landlock_add_rule landlock_create_ruleset landlock_restrict_self lchown
lchown32 lgetxattr link linkat listen listxattr llistxattr _llseek lremovexattr lseek lsetxattr
lstat lstat64 madvise membarrier memfd_create memfd_secret mincore mkdir mkdirat mknod mknodat
mlock mlock2 mlockall mmap mmap2 mprotect mq_getsetattr mq_notify mq_open mq_timedreceive
mq_timedreceive_time64 mq_timedsend mq_timedsend_time64 mq_unlink mremap msgctl msgget msgrcv
msgsnd msync munlock munlockall munmap name_to_handle_at nanosleep newfstatat _newselect open
openat openat2 pause pidfd_open pidfd_send_signal pipe pipe2 pkey_alloc pkey_free pkey_mprotect
poll ppoll ppoll_time64 prctl pread64 preadv preadv2 prlimit64 process_mrelease pselect6
pselect6_time64 pwrite64 pwritev pwritev2 read readahead readlink readlinkat readv recv recvfrom
recvmmsg recvmmsg_time64 recvmsg remap_file_pages removexattr rename renameat renameat2
restart_syscall rmdir rseq rt_sigaction rt_sigpending rt_sigprocmask rt_sigqueueinfo rt_sigreturn
rt_sigsuspend rt_sigtimedwait rt_sigtimedwait_time64 rt_tgsigqueueinfo sched_getaffinity
sched_getattr sched_getparam sched_get_priority_max sched_get_priority_min sched_getscheduler
sched_rr_get_interval sched_rr_get_interval_time64 sched_setaffinity sched_setattr
sched_setparam sched_setscheduler sched_yield seccomp select semctl semget semop semtimedop
semtimedop_time64 send sendfile sendfile64 sendmmsg sendmsg sendto setfsgid setfsgid32 setfsuid
setfsuid32 setgid setgid32 setgroups setgroups32 setitimer setpgid setpriority setregid
setregid32 setresgid setresgid32 setresuid setresuid32 setreuid setreuid32 setrlimit
set_robust_list setsid setsockopt set_thread_area set_tid_address setuid setuid32 setxattr shmat
shmctl shmdt shmget shutdown sigaltstack signalfd signalfd4 sigprocmask sigreturn socketcall
socketpair splice stat stat64 statfs statfs64 statx symlink symlinkat sync sync_file_range syncfs
sysinfo tee tgkill time timer_create timer_delete timer_getoverrun timer_gettime timer_gettime64
timer_settime timer_settime64 timerfd_create timerfd_gettime timerfd_gettime64 timerfd_settime
timerfd_settime64 times tkill truncate truncate64 ugetrlimit umask uname unlink unlinkat utime
utimensat utimensat_time64 utimes vfork vmsplice wait4 waitid waitpid write writev
process_vm_readv process_vm_writev ptrace`;

/** Extra syscalls per architecture (Node's `process.arch` names). */
const allowedByArch: Record<string, string> = {
  x64: 'arch_prctl modify_ldt',
  ia32: 'modify_ldt',
  arm64: 'arm_fadvise64_64 arm_sync_file_range sync_file_range2 breakpoint cacheflush set_tls',
  arm: 'arm_fadvise64_64 arm_sync_file_range sync_file_range2 breakpoint cacheflush set_tls',
  ppc64: 'sync_file_range2 swapcontext',
  s390x: 's390_pci_mmio_read s390_pci_mmio_write s390_runtime_instr',
  riscv64: 'riscv_flush_icache',
};

/** Syscalls allowed only when the container holds the capability that governs them. */
const allowedByCapability: Record<string, string> = {
  CAP_SYS_ADMIN: `bpf clone clone3 fanotify_init fsconfig fsmount fsopen fspick lookup_dcookie
    mount mount_setattr move_mount open_tree perf_event_open quotactl quotactl_fd setdomainname
    sethostname setns syslog umount umount2 unshare`,
  CAP_DAC_READ_SEARCH: 'open_by_handle_at',
  CAP_SYS_BOOT: 'reboot',
  CAP_SYS_CHROOT: 'chroot',
  CAP_SYS_MODULE: 'delete_module init_module finit_module',
  CAP_SYS_PACCT: 'acct',
  CAP_SYS_PTRACE: 'kcmp pidfd_getfd process_madvise',
  CAP_SYS_RAWIO: 'iopl ioperm',
  CAP_SYS_TIME: 'settimeofday stime clock_settime clock_settime64',
  CAP_SYS_TTY_CONFIG: 'vhangup',
  CAP_SYS_NICE: 'get_mempolicy mbind set_mempolicy set_mempolicy_home_node',
  CAP_SYSLOG: 'syslog',
  CAP_BPF: 'bpf',
  CAP_PERFMON: 'perf_event_open',
};

/** Seccomp architectures (libseccomp names) per Node `process.arch`: native first. */
const archMap: Record<string, string[]> = {
  x64: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'],
  ia32: ['SCMP_ARCH_X86'],
  arm64: ['SCMP_ARCH_AARCH64', 'SCMP_ARCH_ARM'],
  arm: ['SCMP_ARCH_ARM'],
  ppc64: ['SCMP_ARCH_PPC64LE'],
  s390x: ['SCMP_ARCH_S390X', 'SCMP_ARCH_S390'],
  riscv64: ['SCMP_ARCH_RISCV64'],
};

/** personality(2) personas the profile allows: PER_LINUX, UNAME26, PER_LINUX32, both, query. */
const allowedPersonalities = [0x0, 0x8, 0x20000, 0x20008, 0xffffffff];

function words(list: string | undefined): string[] {
  return list === undefined ? [] : list.split(/\s+/).filter((w) => w !== '');
}

/**
 * Renders the default profile for the architecture `arch` (Node's `process.arch`) and the
 * container's capability set `caps` (e.g. from {@link resolveCapabilities}).
 */
export function defaultSeccompProfile(arch: string, caps: readonly string[]): OciSeccomp {
  const names = new Set([...words(allowedAlways), ...words(allowedByArch[arch])]);
  for (const cap of caps) for (const n of words(allowedByCapability[cap])) names.add(n);
  const hasSysAdmin = caps.includes('CAP_SYS_ADMIN');
  const syscalls: OciSeccompSyscall[] = [
    { names: [...names].sort(), action: 'SCMP_ACT_ALLOW' },
    // AF_VSOCK (40) sockets reach the hypervisor: refused, as Docker does.
    {
      names: ['socket'],
      action: 'SCMP_ACT_ALLOW',
      args: [{ index: 0, value: 40, op: 'SCMP_CMP_NE' }],
    },
    ...allowedPersonalities.map((value) => ({
      names: ['personality'],
      action: 'SCMP_ACT_ALLOW',
      args: [{ index: 0, value, op: 'SCMP_CMP_EQ' }],
    })),
  ];
  if (!hasSysAdmin) {
    // clone(2) may make threads and processes but no namespaces. s390 swaps the first two args.
    const index = arch === 's390x' ? 1 : 0;
    syscalls.push(
      {
        names: ['clone'],
        action: 'SCMP_ACT_ALLOW',
        args: [{ index, value: cloneNamespaceFlags, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }],
      },
      // clone3's flags live in a struct seccomp cannot inspect: ENOSYS makes libcs use clone.
      { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: errnoEnosys },
    );
  }
  return {
    defaultAction: 'SCMP_ACT_ERRNO',
    defaultErrnoRet: errnoEperm,
    architectures: archMap[arch] ?? [],
    syscalls,
  };
}
