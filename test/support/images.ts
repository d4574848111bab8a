import { expect } from 'vitest';

/** A tag that names a release, such as `v1.30.5` or `10.2.7`: never `latest`, never none. */
const RELEASE_TAG = /:v?[0-9]+\.[0-9]+\.[0-9]+$/;

/**
 * The image is `release`, the library's constant, and that constant is pinned to a release: a new
 * release changes the constant, not the tests.
 */
export function expectRelease(image: unknown, release: string): void {
  expect(release).toMatch(RELEASE_TAG);
  expect(image).toBe(release);
}
