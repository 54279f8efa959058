/** What a product sells as on a platform: physical goods, or a digital design (digital, report, NFT). */
export type SaleKind = 'physical' | 'digital';

/** Whether a platform takes products of this kind at all (where a presence may exist). */
export function acceptsKind(platform: { supportsDigital: boolean; supportsPhysical: boolean }, kind: SaleKind): boolean {
  return kind === 'physical' ? platform.supportsPhysical : platform.supportsDigital;
}

/** Whether a seller can list products of this kind there now. */
export function sellsKind(
  platform: { supportsDigital: boolean; supportsPhysical: boolean; isSellingActive: boolean },
  kind: SaleKind,
): boolean {
  return platform.isSellingActive && acceptsKind(platform, kind);
}
