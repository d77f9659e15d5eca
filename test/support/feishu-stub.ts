// The Feishu OpenAPI stand-in lives in src/sandbox (the sandbox embeds it); tests use the same one.
export * from '../../src/sandbox/feishu-standin.ts';
