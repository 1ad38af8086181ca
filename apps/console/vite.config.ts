import { defineConfig } from 'vite';

// The gateway serves the build at /console/ (development); the console image serves it the same way.
export default defineConfig({
  base: '/console/',
  logLevel: 'warn',
  build: {
    outDir: process.env.CONSOLE_OUT_DIR ?? 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      // zod's sources carry comments Rollup cannot place; it drops them, which is harmless.
      onwarn(warning, warn) {
        if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
      },
    },
  },
});
