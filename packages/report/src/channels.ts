// The complaint channels a host publishes (GB/T 45654 complaint channels; Interim Measures Art. 15), as the
// report dialog lists them and as the report button shows them when the dialog cannot load: one rule set
// for both. Every published channel is listed; it is a link only when the link is safe: a phone or SMS
// number as tel:/sms: digits, an e-mail of the form a@b as mailto:, a chat URL that resolves (against the
// page) to http: or https:. Anything else is shown as text, never as a link (no javascript: or data:).

export type ChannelKey = 'channelPhone' | 'channelEmail' | 'channelSms' | 'channelChat';

export interface PublishedChannels {
  phone?: string | null;
  email?: string | null;
  sms?: string | null;
  chat?: string | null;
}

/** `[key, text, href]` per published channel, in the order phone, e-mail, SMS, chat; `href` is '' when not linked. */
export function channelLinks(c: PublishedChannels, base: string = document.baseURI): [key: ChannelKey, text: string, href: string][] {
  const out: [ChannelKey, string, string][] = [];
  const phone = c.phone?.trim();
  const email = c.email?.trim();
  const sms = c.sms?.trim();
  const chat = c.chat?.trim();
  const digits = (s: string) => s.replace(/[^\d+]/g, '');
  if (phone) out.push(['channelPhone', phone, digits(phone) ? `tel:${digits(phone)}` : '']);
  if (email) out.push(['channelEmail', email, /^[^\s@<>"]+@[^\s@<>"]+$/.test(email) ? `mailto:${email}` : '']);
  if (sms) out.push(['channelSms', sms, digits(sms) ? `sms:${digits(sms)}` : '']);
  if (chat) {
    let href = '';
    try {
      const url = new URL(chat, base);
      if (url.protocol === 'https:' || url.protocol === 'http:') href = url.href;
    } catch {
      // not a URL: shown as text
    }
    out.push(['channelChat', chat, href]);
  }
  return out;
}
