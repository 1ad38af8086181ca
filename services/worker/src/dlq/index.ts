export { type DlqCommand, DlqUsageError, parseDlqCommand, runDlqCommand } from './dlq-commands.ts';
