/** GraphQL documents the tests send, as a client would write them. */
export const INGEST = `mutation($s: [SampleInput!]!) { ingestSamples(samples: $s) { created unchanged violations } }`;
export const LABELS = `mutation($l: [LabelInput!]!) { recordLabels(labels: $l) { created unchanged violations } }`;
export const GENERATOR = `mutation($i: GeneratorInput!) { registerGenerator(input: $i) { id name kind version model trainedAs { id } } }`;
export const PROMPT = `mutation($i: PromptTemplateInput!) { registerPromptTemplate(input: $i) { id hash } }`;
export const RUN = `mutation($i: GenerationRunInput!) { recordGenerationRun(input: $i) { id purpose generator { id } seeds { id } } }`;
export const LABELER = `mutation($i: LabelerInput!) { registerLabeler(input: $i) { id kind qualifications } }`;
export const DATASET = `mutation($i: DatasetInput!) { createDataset(input: $i) { id purpose enforcement } }`;
export const VERSION = `mutation($i: DatasetVersionInput!) { createDatasetVersion(input: $i) { id version sealedAt dataset { id } previous { id } } }`;
export const ADD = `mutation($v: ID!, $ids: [ID!]!) { addSamplesToVersion(datasetVersionId: $v, sampleIds: $ids) { created unchanged violations } }`;
export const SEAL = `mutation($id: ID!) { sealDatasetVersion(id: $id) { id sealedAt digest composition { total real synthetic augmented syntheticRatio maxGenerationDepth
  byGenerator { key count share } bySlice { key count share } byLabelerKind { key count share } byGenerationDepth { key count share } } } }`;
export const MODEL_VERSION = `mutation($i: ModelVersionInput!) { registerModelVersion(input: $i) { id version declaredSyntheticRatio model { id name kind } trainingRun { id trainedOn { id } }
  recordedComposition { total real synthetic augmented syntheticRatio maxGenerationDepth } } }`;
export const EVALUATION = `mutation($i: EvaluationInput!) { recordEvaluation(input: $i) { id metrics model { id } dataset { id } } }`;
export const CHECK = `mutation($i: ValidationCheckInput!) { recordValidationCheck(input: $i) { id subjectId kind passed generation } }`;
export const REVIEW = `mutation($i: ReviewInput!) { recordReview(input: $i) { id decision reviewer { id } at } }`;
export const SAMPLE = `query($id: ID!) { sample(id: $id) { id origin kind slice contentHash attributes createdAt generationDepth
  generationRun { id generator { id } } derivedFrom { id } labels { id value labeler { id kind } } } }`;
export const TRAIL = `query($s: ID, $first: Int, $after: String) { auditTrail(subjectId: $s, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { seq at actor action subjectId payloadHash prevHash hash } } } }`;
export const VERIFY = `{ verifyAuditLog { valid checked firstInvalidSeq headHash } }`;
