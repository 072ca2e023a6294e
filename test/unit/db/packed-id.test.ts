import { describe, expect, it } from 'vitest';
import { packId, unpackId } from '../../../lib/db/packed-id';

describe('packed ids', () => {
  const guids = [
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c',
    '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d',
  ];

  it('packs a GUID into 10 code units, none a control character or a surrogate, and unpacks it exactly', () => {
    for (const id of guids) {
      const packed = packId(id);
      expect(packed).toHaveLength(10);
      for (let i = 0; i < packed.length; i++) {
        const unit = packed.charCodeAt(i);
        expect(unit >= 0x100 && (unit < 0xd800 || unit >= 0xe000)).toBe(true);
      }
      expect(unpackId(packed)).toBe(id);
    }
  });

  it('keeps the GUIDs’ order, so a walk in packed order meets them in their own', () => {
    const sorted = [...guids].sort();
    expect(sorted.map(packId).sort()).toEqual(sorted.map(packId));
  });

  it('keeps any other id as given, and unpacks every id to itself', () => {
    for (const id of ['u1', 'g1', '6F1C2A3B-0D4E-4F5A-8B6C-7D8E9F0A1B2C', '{6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c}', '', 'x'.repeat(10)]) {
      expect(packId(id)).toBe(id);
      expect(unpackId(packId(id))).toBe(id);
    }
    for (const id of ['\uE000abcdefghi', '\uE001', '\uE000']) {
      expect(packId(id)).not.toBe(id);
      expect(unpackId(packId(id))).toBe(id);
    }
  });
});
