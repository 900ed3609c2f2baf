// SES email templates (pure): `{{name}}` and `{{a.b}}` replaced from the TemplateData JSON,
// as SES's Handlebars does for plain substitutions; a missing value renders as nothing.

export interface EmailTemplate { name: string; subject?: string; text?: string; html?: string; createdAt: number }

export interface Rendered { subject: string; text?: string; html?: string }

/** Parses TemplateData; undefined when it is not a JSON object. */
export function parseTemplateData(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined || text === '') return {};
  try {
    const v = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function renderText(text: string, data: Record<string, unknown>): string {
  return text.replace(/\{\{\{?\s*([\w.$-]+)\s*\}?\}\}/g, (_, path: string) => {
    let v: unknown = data;
    for (const part of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
    return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}

export function renderTemplate(t: Pick<EmailTemplate, 'subject' | 'text' | 'html'>, data: Record<string, unknown>): Rendered {
  return {
    subject: renderText(t.subject ?? '', data),
    text: t.text === undefined ? undefined : renderText(t.text, data),
    html: t.html === undefined ? undefined : renderText(t.html, data),
  };
}
