/**
 * The daemon's components, in creation order. Each module adds ONE entry here.
 *
 * @module
 */
import type { ComponentFactory } from './component.js';
import { imagesComponent } from '../image/service.js';
import { builderComponent } from '../image/build/service.js';
import { containersComponent } from '../agent/containers/component.js';
import { systemComponent } from './system-service.js';

/** Every component of `tsorch daemon`, in creation (and reverse stop) order. */
export const componentFactories: readonly ComponentFactory[] = [
  systemComponent,
  imagesComponent,
  builderComponent,
  containersComponent,
];
