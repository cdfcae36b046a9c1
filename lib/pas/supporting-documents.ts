import {
  checkAttachment,
  checkAttachmentCount,
  type AttachmentType,
} from "@/lib/request-model/attachment-check";
import { Problems, type Located } from "./bundle";
import { isObject } from "@/lib/http/parse-json";
import type { ClaimBundle } from "./claim-bundle";

// Pure: the files a PAS Claim carries as DocumentReferences in its supportingInfo (in the Bundle,
// or contained in the Claim), or a CDex $submit-attachment carries (lib/cdex), each attachment's base64 data checked exactly as a physician's
// upload is (lib/request-model/attachment-check.ts: the type by its first bytes, at most 10 MB, at most
// five files, the name agreeing with the type). Any bad file refuses the whole submission, named
// by its FHIRPath; nothing is fetched from an attachment's url.

export interface SupportingDocument {
  name: string;
  contentType: AttachmentType;
  data: Uint8Array;
}

const CLAIM = "Bundle.entry[0].resource";
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The DocumentReferences the Claim's supportingInfo references, where each is. */
function documentReferences(parts: ClaimBundle, problems: Problems): Located[] {
  const claim = parts.claim.resource;
  const info = Array.isArray(claim.supportingInfo) ? claim.supportingInfo : [];
  const contained = Array.isArray(claim.contained) ? claim.contained : [];
  const found: Located[] = [];
  info.forEach((entry, i) => {
    if (!isObject(entry) || !isObject(entry.valueReference)) return;
    const reference = entry.valueReference.reference;
    if (typeof reference !== "string") return;
    const at = `${CLAIM}.supportingInfo[${i}].valueReference.reference`;
    if (reference.startsWith("#")) {
      const k = contained.findIndex((r) => isObject(r) && r.id === reference.slice(1));
      const resource = contained[k];
      if (!isObject(resource))
        return problems.add(
          at,
          `${JSON.stringify(reference.slice(0, 100))} names no contained resource of the Claim`,
        );
      if (resource.resourceType !== "DocumentReference")
        return problems.add(
          at,
          `a contained resource here must be a DocumentReference, not ${JSON.stringify(resource.resourceType)}`,
        );
      found.push({
        resource: resource as Located["resource"],
        path: `${CLAIM}.contained[${k}]`,
        fullUrl: reference,
      });
      return;
    }
    const target = parts.index.find(reference);
    if (target?.resource.resourceType === "DocumentReference") found.push(target);
  });
  // One DocumentReference referenced twice is one file.
  return found.filter((d, i) => found.findIndex((e) => e.path === d.path) === i);
}

/** Bytes of base64 text (already checked), without decoding it all. */
const decodedSize = (b64: string) =>
  (b64.length / 4) * 3 - (b64.endsWith("==") ? 2 : b64.endsWith("=") ? 1 : 0);

/** Node's own base64 decoder (the text is checked as strict base64 before). */
const decode = (b64: string): Uint8Array => Buffer.from(b64, "base64");

/** Every file of the Claim's DocumentReferences, checked; problems recorded where they are. */
export function supportingDocuments(parts: ClaimBundle, problems: Problems): SupportingDocument[] {
  return documentFiles(documentReferences(parts, problems), problems, `${CLAIM}.supportingInfo`);
}

/**
 * The files of these DocumentReferences (a Claim's, or a CDex $submit-attachment's), each
 * attachment checked as a physician's upload is; `countPath` names where too many files are.
 */
export function documentFiles(
  documents: readonly Pick<Located, "resource" | "path">[],
  problems: Problems,
  countPath: string,
): SupportingDocument[] {
  const files: SupportingDocument[] = [];
  const attachments = documents.flatMap((doc) => {
    const content = Array.isArray(doc.resource.content) ? doc.resource.content : [];
    if (content.length === 0)
      problems.add(`${doc.path}.content`, "must hold the document as an attachment", "required");
    return content.map((c, j) => ({
      attachment: isObject(c) && isObject(c.attachment) ? c.attachment : undefined,
      path: `${doc.path}.content[${j}].attachment`,
    }));
  });
  const tooMany = checkAttachmentCount(attachments.length);
  if (tooMany) {
    problems.add(countPath, tooMany, "too-costly");
    return [];
  }
  for (const { attachment, path } of attachments) {
    if (!attachment) {
      problems.add(path, "is required: the file, its data in base64", "required");
      continue;
    }
    if (typeof attachment.data !== "string") {
      problems.add(
        `${path}.data`,
        typeof attachment.url === "string"
          ? "is required: send the file's bytes in attachment.data (base64); a url is never fetched"
          : "is required: the file's bytes in base64",
        "required",
      );
      continue;
    }
    const b64 = attachment.data.replace(/\s+/g, "");
    if (b64.length % 4 !== 0 || !BASE64.test(b64)) {
      problems.add(`${path}.data`, "is not base64 text");
      continue;
    }
    const name = typeof attachment.title === "string" ? attachment.title : "attachment";
    const size = decodedSize(b64);
    const checked = checkAttachment(name, decode(b64.slice(0, 24)), size);
    if (!checked.ok) {
      problems.add(`${path}.data`, checked.message);
      continue;
    }
    const declared =
      typeof attachment.contentType === "string"
        ? attachment.contentType.split(";")[0]!.trim().toLowerCase()
        : undefined;
    if (declared !== undefined && declared !== checked.contentType) {
      problems.add(
        `${path}.contentType`,
        `says ${JSON.stringify(declared.slice(0, 100))}, but the data is ${checked.contentType} (judged by its content)`,
      );
      continue;
    }
    if (attachment.size !== undefined && attachment.size !== size) {
      problems.add(
        `${path}.size`,
        `says ${JSON.stringify(attachment.size)} bytes, but the data holds ${size}`,
      );
      continue;
    }
    files.push({ name: checked.name, contentType: checked.contentType, data: decode(b64) });
  }
  return problems.any ? [] : files;
}
