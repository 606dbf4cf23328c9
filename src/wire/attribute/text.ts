/**
 * The text form of attributes, as ExaBGP's text API and route commands write them
 * ('origin igp', 'as-path [ 65000 65001 ]', 'community [ 65000:1 no-export ]').
 */
import { attributeCodecByKind } from './registry.js';
import type { Attribute } from './types.js';
import { unknownAttributeText } from './unknown.js';

/** One attribute's text, name included; '' when ExaBGP writes nothing for it. */
export function attributeText(a: Attribute): string {
  if (a.kind === 'unknown') return unknownAttributeText(a);
  const c = attributeCodecByKind(a.kind);
  return c?.text ? c.text(a) : '';
}

/** Attributes in type-code order joined by spaces, as ExaBGP prints a route's attributes. */
export function attributesText(list: readonly Attribute[]): string {
  return list
    .map(attributeText)
    .filter((t) => t.length > 0)
    .join(' ');
}
