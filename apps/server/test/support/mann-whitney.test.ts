import { describe, expect, it } from 'vitest';
import { mannWhitneyU } from './mann-whitney.js';

// Reference figures from scipy.stats.mannwhitneyu(a, b, method='asymptotic') (scipy 1.17).
describe('mannWhitneyU', () => {
  it('finds no difference between two identical samples (p = 1)', () => {
    const sample = Array.from({ length: 200 }, (_, index) => Math.sin(index) * 10);
    const result = mannWhitneyU(sample, [...sample].reverse());
    expect(result.u).toBe((200 * 200) / 2);
    expect(result.z).toBe(0);
    expect(result.p).toBeCloseTo(1, 10);
  });

  it('gives the textbook U of the tortoise and the hare (U = 25 for the tortoise, 11 for the hare)', () => {
    // Finishing order T H H H H H T T T T T H: the tortoise's places 1, 7–11; the hare's 2–6 and 12.
    const tortoise = [1, 7, 8, 9, 10, 11];
    const hare = [2, 3, 4, 5, 6, 12];
    const result = mannWhitneyU(tortoise, hare);
    expect(result.u).toBe(25);
    expect(mannWhitneyU(hare, tortoise).u).toBe(11);
    expect(result.p).toBeCloseTo(0.2979530616081678, 6);
    expect(mannWhitneyU(hare, tortoise).p).toBeCloseTo(result.p, 12);
  });

  it('averages the ranks of ties and corrects the variance for them', () => {
    const result = mannWhitneyU([1, 2, 2, 3, 3, 3, 4, 5], [2, 3, 4, 4, 5, 6, 6, 7, 9]);
    expect(result.u).toBe(13);
    expect(result.p).toBeCloseTo(0.028372715346028934, 6);
  });

  it('matches the reference on larger samples made mostly of ties', () => {
    const a = Array.from({ length: 60 }, (_, index) => index % 7);
    expect(
      mannWhitneyU(
        a,
        Array.from({ length: 50 }, (_, index) => (index * 3) % 9),
      ),
    ).toMatchObject({ u: 1492 });
    expect(
      mannWhitneyU(
        a,
        Array.from({ length: 50 }, (_, index) => (index * 3) % 9),
      ).p,
    ).toBeCloseTo(0.9633763983501383, 6);
    const shifted = mannWhitneyU(
      a,
      Array.from({ length: 50 }, (_, index) => (index * 3) % 11),
    );
    expect(shifted.u).toBe(970.5);
    expect(shifted.p).toBeCloseTo(0.001394573494271886, 6);
  });

  it('finds clearly shifted samples different (p < 0.001), whichever comes first', () => {
    const a = Array.from({ length: 100 }, (_, index) => index);
    const b = a.map((value) => value + 30);
    const result = mannWhitneyU(a, b);
    expect(result.u).toBe(2450);
    expect(result.z).toBeLessThan(-6);
    expect(result.p).toBeLessThan(0.001);
    expect(result.p / 4.676768383107447e-10).toBeCloseTo(1, 4);
    expect(mannWhitneyU(b, a).z).toBeCloseTo(-result.z, 12);
  });

  it('refuses an empty sample', () => {
    expect(() => mannWhitneyU([], [1])).toThrow();
  });
});
