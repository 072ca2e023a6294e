import type { PackedId } from './types';

// Ids as the directory mirror (`users`, `groups`, `memberOf`) keeps them (schema 14, issue #18). Chromium's IndexedDB
// writes a string key as UTF-16, so a GUID's 36 characters are 72 bytes, and a record's key is written again in its
// existence entry, in each of its index entries (twice there: the index key and the record's key) and in the undo entry
// of each when it changes. Packed, a GUID is 10 code units: a marker and its 128 bits, 15 to a code unit.

/** Starts a packed GUID. A private-use character: no Graph or Entra id holds one. */
const PACKED = '\uE000';
/** Starts an id kept as given that itself began with a marker, so that every id unpacks to itself. */
const ESCAPED = '\uE001';
/** The code unit of bits 0: above the control characters, and 0x0100 + 0x7FFF stays below the surrogates (0xD800). */
const BASE = 0x0100;
const BITS = 15;
const UNITS = 9; // 9 × 15 = 135 bits ≥ 128
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * An id as the directory mirror stores it: a GUID in its canonical form (lower case, as Graph and Entra return ids) packed into
 * 10 code units; any other id as given (escaped if it begins with a marker). `unpackId` returns the id exactly.
 */
export function packId(id: string): PackedId {
  if (GUID.test(id)) return packGuid(id);
  if (id.startsWith(PACKED) || id.startsWith(ESCAPED)) return (ESCAPED + id) as PackedId;
  return id as PackedId;
}

export function unpackId(packed: PackedId | string): string {
  if (packed.startsWith(PACKED) && packed.length === UNITS + 1) return unpackGuid(packed);
  if (packed.startsWith(ESCAPED)) return packed.slice(1);
  return packed;
}

function packGuid(guid: string): PackedId {
  let out = PACKED;
  let bits = 0;
  let held = 0;
  for (let i = 0; i < guid.length; i++) {
    const code = guid.charCodeAt(i);
    if (code === 45) continue; // '-'
    held = (held << 4) | (code <= 57 ? code - 48 : code - 87);
    bits += 4;
    if (bits >= BITS) {
      bits -= BITS;
      out += String.fromCharCode(BASE + (held >>> bits));
      held &= (1 << bits) - 1;
    }
  }
  // 128 bits leave 8 held: the last unit carries them in its high bits.
  return (out + String.fromCharCode(BASE + (held << (BITS - bits)))) as PackedId;
}

const HEX = '0123456789abcdef';

function unpackGuid(packed: string): string {
  let hex = '';
  let bits = 0;
  let held = 0;
  for (let i = 1; i < packed.length && hex.length < 32; i++) {
    held = (held << BITS) | (packed.charCodeAt(i) - BASE);
    bits += BITS;
    while (bits >= 4 && hex.length < 32) {
      bits -= 4;
      hex += HEX[(held >>> bits) & 15];
    }
    held &= (1 << bits) - 1;
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
