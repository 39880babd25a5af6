/** Fly regions by outbound-transfer price group (the entries of ./prices.json they are billed at). */

/** Which outbound-transfer price group a Fly region belongs to (from the pricing page's region groups). */
export type FlyEgressGroup = 'egress-na-eu' | 'egress-apac-oceania-sa' | 'egress-africa-india';

export const flyRegionEgressGroup: Readonly<Record<string, FlyEgressGroup>> = {
  // North America
  iad: 'egress-na-eu', ewr: 'egress-na-eu', ord: 'egress-na-eu', dfw: 'egress-na-eu', lax: 'egress-na-eu',
  sjc: 'egress-na-eu', sea: 'egress-na-eu', yyz: 'egress-na-eu', yul: 'egress-na-eu', bos: 'egress-na-eu',
  atl: 'egress-na-eu', mia: 'egress-na-eu', den: 'egress-na-eu', phx: 'egress-na-eu', qro: 'egress-na-eu',
  // Europe
  ams: 'egress-na-eu', fra: 'egress-na-eu', lhr: 'egress-na-eu', cdg: 'egress-na-eu', arn: 'egress-na-eu',
  mad: 'egress-na-eu', waw: 'egress-na-eu', otp: 'egress-na-eu',
  // Asia Pacific, Oceania, South America
  sin: 'egress-apac-oceania-sa', syd: 'egress-apac-oceania-sa', nrt: 'egress-apac-oceania-sa',
  hkg: 'egress-apac-oceania-sa', gru: 'egress-apac-oceania-sa', scl: 'egress-apac-oceania-sa',
  bog: 'egress-apac-oceania-sa', eze: 'egress-apac-oceania-sa', gig: 'egress-apac-oceania-sa',
  // Africa and India
  jnb: 'egress-africa-india', bom: 'egress-africa-india', maa: 'egress-africa-india', del: 'egress-africa-india',
};
