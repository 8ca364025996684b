import { UsageError, type Command } from '../io.ts';

export const thresholdCommand: Command = async () => {
  throw new UsageError('"threshold" is not available in this version yet');
};
