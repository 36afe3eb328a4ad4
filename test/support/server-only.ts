// Vitest runs server modules outside Next's bundler; "server-only" would throw there, so tests alias it to this.
export {};
