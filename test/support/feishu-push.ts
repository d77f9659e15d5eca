// Real-format, signed and encrypted Feishu pushes; the sandbox page sends the same ones.
export * from '../../src/sandbox/push.ts';
