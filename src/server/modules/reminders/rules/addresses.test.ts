import { describe, expect, it } from 'vitest';
import { mailDeliverable } from './addresses.ts';

describe('mailDeliverable', () => {
  it('refuses the reserved .invalid names only', () => {
    expect(mailDeliverable('0a1b2c3d.5e6f@identity.invalid')).toBe(false);
    expect(mailDeliverable('someone@IDENTITY.INVALID.')).toBe(false);
    expect(mailDeliverable('someone@invalid')).toBe(false);
    expect(mailDeliverable('someone@agency.go.th')).toBe(true);
    expect(mailDeliverable('reporter@demo.prongsai.local')).toBe(true);
    expect(mailDeliverable('someone@invalid.go.th')).toBe(true);
  });
});
