import { UsageError, type Command } from '../io.ts';

export const scoreCommand: Command = async () => {
  throw new UsageError('"score" is not available in this version yet');
};
