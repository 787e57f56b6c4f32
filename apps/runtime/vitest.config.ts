import { defineConfig } from 'vitest/config';

// Process-level tests start brokers and runtimes and stream thousands of messages.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 30_000 } });
