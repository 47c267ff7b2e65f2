import { compile, renderCompiled, toTemplateError, type Compiled } from "./liquid-engine";
import { deriveTextTemplate, htmlToText, injectPreheader, tidyText } from "./html-text";
import { toScope, type RenderContext } from "./render-context";

export type EmailContent = { subject: string; preheader?: string | null; html: string; text?: string | null };
export type RenderedEmail = { subject: string; preheader: string; html: string; text: string };

export type CompiledEmail = { render(ctx: RenderContext): RenderedEmail };

/**
 * Parses an e-mail template once; `render` then fills it for one recipient. Throws TemplateError
 * (with a line number) when the template does not parse; a render that exceeds the engine's
 * limits throws TemplateError too. Parsed parts are cached by content, so compiling the same
 * template again is a map lookup.
 */
export function compileEmail(content: EmailContent): CompiledEmail {
  let subject: Compiled, preheader: Compiled | null, html: Compiled, text: Compiled | null;
  let textFromEachHtml = false;
  let derivedText = false;
  try {
    subject = compile("plain", content.subject);
    preheader = content.preheader?.trim() ? compile("plain", content.preheader) : null;
    html = compile("html", content.html);
    if (content.text?.trim()) text = compile("plain", content.text);
    else {
      const derived = deriveTextTemplate(content.html);
      text = derived === null ? null : tryCompile(derived);
      derivedText = text !== null;
      textFromEachHtml = text === null;
    }
  } catch (e) {
    throw toTemplateError(e);
  }
  return {
    render(ctx) {
      const scope = toScope(ctx);
      try {
        const renderedPreheader = preheader ? renderCompiled(preheader, scope).trim() : "";
        const renderedHtml = renderCompiled(html, scope);
        return {
          // One line: a newline in a subject would start a new header.
          subject: renderCompiled(subject, scope).replace(/\s+/g, " ").trim(),
          preheader: renderedPreheader,
          html: injectPreheader(renderedHtml, renderedPreheader),
          text: text ? (derivedText ? tidyText(renderCompiled(text, scope)) : renderCompiled(text, scope).trim()) : textFromEachHtml ? htmlToText(renderedHtml) : "",
        };
      } catch (e) {
        throw toTemplateError(e);
      }
    },
  };
}

function tryCompile(textTemplate: string): Compiled | null {
  try {
    return compile("plain", textTemplate);
  } catch {
    return null;
  }
}

/** Renders one e-mail for one recipient (the parse is cached; see compileEmail). */
export function renderEmail(content: EmailContent, ctx: RenderContext): RenderedEmail {
  return compileEmail(content).render(ctx);
}

export function compileSms(body: string): { render(ctx: RenderContext): string } {
  let compiled: Compiled;
  try {
    compiled = compile("plain", body);
  } catch (e) {
    throw toTemplateError(e);
  }
  return {
    render(ctx) {
      try {
        return renderCompiled(compiled, toScope(ctx)).trim();
      } catch (e) {
        throw toTemplateError(e);
      }
    },
  };
}

export function renderSms(body: string, ctx: RenderContext): string {
  return compileSms(body).render(ctx);
}
