import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { GATE_STATE_LABELS, type Evaluation } from "@/lib/policy/engine/evaluate";
import { flowchartLayout } from "@/lib/policy/engine/flowchart";
import { gateName } from "@/lib/policy/engine/gate-name";
import { plainText } from "@/lib/policy/engine/passages";
import { reviewOverdueNotice } from "@/lib/policy/engine/review-date";
import type { Policy } from "@/lib/policy/engine/types";
import { answersWithPassages } from "@/lib/requests/answers-with-passages";
import { FlowchartPdf } from "./flowchart-pdf";
import { requestDetailRows, timedText, type Timed } from "@/lib/requests/labels";
import { READING_AT_SUBMISSION, type DecidedReading } from "@/lib/requests/readings";
import { utc } from "@/lib/time/utc";
import type { StoredRequest } from "@/lib/requests/request-row";
import type { RequestReading } from "@/lib/server/reading-of-request";

export const PDF_FONT = "DejaVu Sans";

/** One decision or message of the request, as lib/requests/history-text.ts prints it. */
export interface SummaryEntry {
  title: string;
  lines: readonly string[];
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

function Rows({ rows }: { rows: readonly [string, Timed][] }) {
  return (
    <View>
      {rows.map(([term, value]) => (
        <View key={term} style={styles.row} wrap={false}>
          <Text style={styles.term}>{term}</Text>
          <Text style={styles.value}>{timedText(value)}</Text>
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

function History({ entries }: { entries: readonly SummaryEntry[] }) {
  if (entries.length === 0) return <Text>Not decided yet.</Text>;
  return entries.map((entry, i) => (
    // Free to break across pages: a rationale may be longer than one.
    <View key={i} style={styles.box}>
      <Text style={styles.strong}>{entry.title}</Text>
      {entry.lines.map((line, j) => (
        <Text key={j}>{line}</Text>
      ))}
    </View>
  ));
}

function Determination({ policy, evaluation }: { policy: Policy; evaluation: Evaluation }) {
  return (
    <View>
      <Text style={styles.strong}>{evaluation.label}</Text>
      <Text>{policy.determinationNote}</Text>
      <Text>
        {gateName(evaluation.decidedBy)}: {evaluation.decidedBy.reason}
      </Text>
      <Text style={styles.muted}>
        Read under policy version {evaluation.policy.version}, rules revision{" "}
        {evaluation.policy.rulesRevision}.
      </Text>
      <Text style={[styles.strong, { marginTop: 6 }]}>How the policy was applied</Text>
      {evaluation.trace.map((entry) => (
        <Text
          key={`${entry.step}-${entry.title}`}
          style={entry.state === "not-asked" ? styles.muted : undefined}
        >
          {gateName(entry)}: {GATE_STATE_LABELS[entry.state]}
          {entry.answerLabel && entry.state !== "not-asked" ? ` — ${entry.answerLabel}` : ""}.{" "}
          {entry.reason}
          {entry.note ? ` ${entry.note}` : ""}
        </Text>
      ))}
    </View>
  );
}

/** Today's reading beside the stored one, where the rules revision or the reading differs. */
function ReadAgain({ reading }: { reading: RequestReading }) {
  const { stored, now, differs, explanation } = reading;
  if (!differs && stored.policy.rulesRevision === now.policy.rulesRevision) return null;
  return (
    <View style={styles.box} wrap={false}>
      <Text style={styles.strong}>
        Read again under rules revision {now.policy.rulesRevision}:{" "}
        {differs ? now.label : `the same determination (${now.label})`}
      </Text>
      {differs ? (
        <Text>
          This differs from the determination stored at submission: {stored.label} then (rules
          revision {stored.policy.rulesRevision}), {now.label} now (rules revision{" "}
          {now.policy.rulesRevision}). The request keeps its stored determination.
        </Text>
      ) : null}
      {explanation.map((line) => (
        <Text key={line}>{line}</Text>
      ))}
    </View>
  );
}

function AnswersWithQuotes({ policy, evaluation }: { policy: Policy; evaluation: Evaluation }) {
  return answersWithPassages(policy, evaluation).map((item) => (
    <View key={item.field} style={styles.box}>
      <Text style={styles.strong}>{item.question}</Text>
      <Text>Answer: {item.answer}</Text>
      {item.help.map((line) => (
        <Text key={line} style={styles.muted}>
          {line}
        </Text>
      ))}
      {item.passages.map(({ id, section, passage }) => (
        <View key={id} style={styles.quote}>
          <Text style={styles.muted}>
            {section} ({id})
          </Text>
          {plainText(passage)
            .split("\n")
            .map((line, i) => (
              <Text key={i}>{line}</Text>
            ))}
        </View>
      ))}
    </View>
  ));
}

/**
 * A request as a reviewer would file it: particulars, what an approval authorizes, decisions,
 * determination, quoted policy.
 */
export function RequestSummaryDocument({
  request,
  reading,
  history,
  generatedAt,
  authorization,
  readings = { heading: READING_AT_SUBMISSION },
}: {
  request: StoredRequest;
  /** The stored reading and today's, under the policy version the request is judged under. */
  reading: RequestReading;
  history: readonly SummaryEntry[];
  generatedAt: Date;
  /** The approval's authorization as label and value (lib/requests/authorization.ts). */
  authorization?: readonly [string, string][];
  /** The reading the request is decided on, titled as on its pages. */
  readings?: DecidedReading;
}) {
  const { policy } = reading;
  const details = requestDetailRows(request, policy, generatedAt);
  const { meta } = policy;
  const heading = `${meta.documentType} ${meta.number}, ${meta.title}, version ${request.policyVersion}, rules revision ${request.evaluation.policy.rulesRevision}`;
  const overdue = reviewOverdueNotice(policy, generatedAt);
  return (
    <Document
      title={`Request ${request.reference}`}
      subject={heading}
      creator="Prior authorization workspace"
      producer="Prior authorization workspace"
    >
      <Page size="LETTER" style={styles.page}>
        <View style={styles.body}>
          <Text style={styles.title}>Prior authorization request {request.reference}</Text>
          <Text style={styles.subtitle}>{heading}</Text>
          <Text style={styles.subtitle}>Generated {utc(generatedAt.toISOString())}</Text>

          <Text style={styles.h2}>Request</Text>
          <Rows rows={[...details.summary, ...details.more]} />
          <ClinicalNotes notes={request.clinicalNotes} />

          {authorization ? (
            <>
              <Text style={styles.h2}>Authorization</Text>
              <Rows rows={authorization} />
            </>
          ) : null}

          <Text style={styles.h2}>Decisions and messages</Text>
          <History entries={history} />

          <Text style={styles.h2}>{readings.heading}</Text>
          {readings.before ? <Text>{readings.before}</Text> : null}
          <Determination policy={policy} evaluation={request.evaluation} />
          {/* A reading stored under other rules has another trace: it is not drawn on these. */}
          {request.evaluation.policy.rulesRevision === policy.rulesRevision ? (
            <>
              <Text style={[styles.strong, { marginTop: 6 }]}>
                Flowchart, with this case&apos;s path lit
              </Text>
              <FlowchartPdf
                charts={flowchartLayout(policy)}
                evaluation={request.evaluation}
                width={360}
              />
            </>
          ) : null}
          {overdue ? <Text style={[styles.muted, { marginTop: 4 }]}>{overdue}</Text> : null}
          <ReadAgain reading={reading} />

          <Text style={styles.h2}>Answers and the policy text they rest on</Text>
          <AnswersWithQuotes policy={policy} evaluation={request.evaluation} />

          <Text style={[styles.muted, { marginTop: 12 }]}>
            Policy text quoted verbatim from {meta.publisher} {meta.documentType} {meta.number},
            effective {policy.effectiveDate}. {meta.copyright}.
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
