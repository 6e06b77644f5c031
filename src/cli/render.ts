// STUB: the owner of this module replaces it; it adds its commands to the program.
import type { Command } from 'commander';

export function registerRenderCommands(program: Command): void {
  void program;
}
