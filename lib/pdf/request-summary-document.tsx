import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { DecisionAction } from "@/lib/db/schema";
import { GATE_STATE_LABELS, type Evaluation } from "@/lib/policy/evaluate";
import { runsText, toBlocks } from "@/lib/policy/inline-markup";
import { getPassage, type Passage } from "@/lib/policy/passages";
import { sectionLabel } from "@/lib/policy/section-label";
import { POLICY } from "@/lib/policy/policy-meta";
import { citationsFor, getQuestion } from "@/lib/policy/questions";
import { DECISION_LABELS, requestDetailRows, utc } from "@/lib/requests/labels";
import type { StoredRequest } from "@/lib/requests/repository";

export const PDF_FONT = "DejaVu Sans";

export interface SummaryDecision {
  action: DecisionAction;
  reviewActionCode: string;
  rationale: string;
  decidedAt: string;
}

const styles = StyleSheet.create({
  page: { fontFamily: PDF_FONT, fontSize: 9.5, padding: "18mm 16mm 20mm" },
  // Line spacing is set on the body, not the page: inherited from the page, it also reached the
  // footer, whose page-number text then vanished and, past ten pages or so, drifted off to a
  // position PDFKit refuses ("unsupported number: -1.7e21"). A factor set on a View is resolved
  // against the View's own font size, so the body names both; headings set their own.
  body: { fontSize: 9.5, lineHeight: 1.35 },
  title: { fontSize: 16, lineHeight: 1.35, fontWeight: "bold" },
  subtitle: { marginTop: 2, color: "#334155" },
  h2: { fontSize: 12, lineHeight: 1.35, fontWeight: "bold", marginTop: 14, marginBottom: 4 },
  row: { flexDirection: "row", marginTop: 1 },
  term: { width: "34%", fontWeight: "bold", color: "#334155" },
  value: { width: "66%" },
  box: { border: "0.75pt solid #94a3b8", padding: 6, marginTop: 6 },
  strong: { fontWeight: "bold" },
  quote: { borderLeft: "2pt solid #1d4ed8", paddingLeft: 6, marginTop: 4 },
  muted: { color: "#475569" },
  // An explicit height too: a fixed, absolutely placed footer of automatic height can drift on
  // every page of a long document (react-pdf issue #3416).
  footer: {
    position: "absolute",
    height: 12,
    bottom: "8mm",
    left: "16mm",
    right: "16mm",
    fontSize: 7.5,
    color: "#475569",
    flexDirection: "row",
    justifyContent: "space-between",
  },
});

/** A passage verbatim: paragraphs, bulleted list items, table rows with cells set apart. */
function PassageText({ passage }: { passage: Passage }) {
  return toBlocks(passage.lines).map((block, i) => {
    if (block.kind === "paragraph") return <Text key={i}>{runsText(block.runs)}</Text>;
    if (block.kind === "list")
      return block.items.map((item, j) => <Text key={`${i}.${j}`}>• {runsText(item)}</Text>);
    return block.rows.map((row, j) => (
      <Text key={`${i}.${j}`}>{row.map(runsText).filter(Boolean).join(" — ")}</Text>
    ));
  });
}

function Details({ request, generatedAt }: { request: StoredRequest; generatedAt: Date }) {
  return (
    <View>
      {requestDetailRows(request, generatedAt).map(([term, value]) => (
        <View key={term} style={styles.row} wrap={false}>
          <Text style={styles.term}>{term}</Text>
          <Text style={styles.value}>{value}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * The notes as typed, a paragraph per line, across the page's full width and free to break
 * between pages. (In the two-column row above, text longer than a page made the layout engine
 * compute a negative height and the renderer fail.)
 */
function ClinicalNotes({ notes }: { notes: string }) {
  const lines = notes.split(/\r\n|\r|\n/);
  return (
    <View style={{ marginTop: 6 }}>
      <Text style={styles.strong}>Clinical notes</Text>
      {notes.trim() === "" ? (
        <Text>None</Text>
      ) : (
        lines.map((line, i) => <Text key={i}>{line === "" ? " " : line}</Text>)
      )}
    </View>
  );
}

function Decisions({ decisions }: { decisions: readonly SummaryDecision[] }) {
  if (decisions.length === 0) return <Text>Not decided yet.</Text>;
  return decisions.map((d, i) => (
    // Free to break across pages: a rationale may be longer than one.
    <View key={i} style={styles.box}>
      <Text style={styles.strong}>
        {DECISION_LABELS[d.action]} · X12 278 code {d.reviewActionCode} · {utc(d.decidedAt)}
      </Text>
      <Text>Rationale: {d.rationale}</Text>
    </View>
  ));
}

function Determination({ evaluation }: { evaluation: Evaluation }) {
  return (
    <View>
      <Text style={styles.strong}>{evaluation.label}</Text>
      <Text>
        Gate {evaluation.decidedBy.step}: {evaluation.decidedBy.reason}
      </Text>
      <Text style={[styles.strong, { marginTop: 6 }]}>How the policy was applied</Text>
      {evaluation.trace.map((entry) => (
        <Text key={entry.field} style={entry.state === "not-asked" ? styles.muted : undefined}>
          Gate {entry.step}, {entry.title}: {GATE_STATE_LABELS[entry.state]}
          {entry.answerLabel && entry.state !== "not-asked" ? ` — ${entry.answerLabel}` : ""}.{" "}
          {entry.reason}
        </Text>
      ))}
    </View>
  );
}

function AnswersWithQuotes({ evaluation }: { evaluation: Evaluation }) {
  return evaluation.trace
    .filter((entry) => evaluation.asked.includes(entry.field))
    .map((entry) => {
      const question = getQuestion(entry.field);
      return (
        <View key={entry.field} style={styles.box}>
          <Text style={styles.strong}>{question.text}</Text>
          <Text>Answer: {entry.answerLabel ?? "Not answered"}</Text>
          {citationsFor(question, entry.answer).map((id) => {
            const passage = getPassage(id);
            return (
              <View key={id} style={styles.quote}>
                <Text style={styles.muted}>
                  {sectionLabel(passage)} ({id})
                </Text>
                <PassageText passage={passage} />
              </View>
            );
          })}
        </View>
      );
    });
}

/** A request as a reviewer would file it: particulars, decision, determination, quoted policy. */
export function RequestSummaryDocument({
  request,
  decisions,
  generatedAt,
}: {
  request: StoredRequest;
  decisions: readonly SummaryDecision[];
  generatedAt: Date;
}) {
  const policy = `${POLICY.documentType} ${POLICY.number}, ${POLICY.title}, version ${request.policyVersion}`;
  return (
    <Document
      title={`Request ${request.reference}`}
      subject={policy}
      creator="Coverage Policy 0261 workspace"
      producer="Coverage Policy 0261 workspace"
    >
      <Page size="LETTER" style={styles.page}>
        <View style={styles.body}>
          <Text style={styles.title}>Prior authorization request {request.reference}</Text>
          <Text style={styles.subtitle}>{policy}</Text>
          <Text style={styles.subtitle}>Generated {utc(generatedAt.toISOString())}</Text>

          <Text style={styles.h2}>Request</Text>
          <Details request={request} generatedAt={generatedAt} />
          <ClinicalNotes notes={request.clinicalNotes} />

          <Text style={styles.h2}>Decision</Text>
          <Decisions decisions={decisions} />

          <Text style={styles.h2}>Determination at submission</Text>
          <Determination evaluation={request.evaluation} />

          <Text style={styles.h2}>Answers and the policy text they rest on</Text>
          <AnswersWithQuotes evaluation={request.evaluation} />

          <Text style={[styles.muted, { marginTop: 12 }]}>
            Policy text quoted verbatim from {POLICY.publisher} {POLICY.documentType}{" "}
            {POLICY.number}, effective {POLICY.effectiveDate}. {POLICY.copyright}.
          </Text>
        </View>

        <View style={styles.footer} fixed>
          <Text>{request.reference} · Confidential: contains protected health information</Text>
          <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}
