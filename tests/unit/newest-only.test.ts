import { describe, expect, it } from 'vitest';
import { newestOnly } from '../../lib/newest-only';

describe('newestOnly', () => {
  it('applies the newest load even when an older one finishes after it (settings paused, then resumed)', async () => {
    const resolvers: ((value: string) => void)[] = [];
    const applied: string[] = [];
    const reload = newestOnly(() => new Promise<string>((resolve) => resolvers.push(resolve)), (value) => applied.push(value));
    const first = reload();
    const second = reload();
    resolvers[1]('resumed');
    resolvers[0]('paused');
    await Promise.all([first, second]);
    expect(applied).toEqual(['resumed']);
  });

  it('applies each load that is the newest when it finishes', async () => {
    let n = 0;
    const applied: number[] = [];
    const reload = newestOnly(async () => ++n, (value) => applied.push(value));
    await reload();
    await reload();
    expect(applied).toEqual([1, 2]);
  });
});
