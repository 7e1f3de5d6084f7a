/** Every `runway` command. Add yours here: one file per command in this folder, one line below. */
import type { Command } from '../command';
import { alertsCommand } from './alerts';
import { exportCommand } from './export';
import { kpisCommand } from './kpis';
import { renderCommand } from './render';
import { serveCommand } from './serve';

export const COMMANDS: readonly Command[] = [
  kpisCommand,
  exportCommand,
  serveCommand,
  renderCommand,
  alertsCommand,
];
