/**
 * The Autopilot room's contract (`jupyter_smstudio/autopilot/shapes.py`, `models.py` and
 * `explain_models.py`), as generated from the server's pydantic models.
 */
import type { AutoMLJob } from '../core/generated/models';

export type {
  AutoMLCandidate,
  AutoMLJob,
  AutoMLJobList,
  AutoMLJobSummary,
  ColumnAnalysis,
  CreateAutoMLJobRequest,
  CsvPreview,
  DataAnalysis,
  DeployBestAnswer,
  DeployBestRequest,
  ExplainabilityReport,
  ListCandidatesAnswer,
  PreviewRequest
} from '../core/generated/models';

export type ProblemType = 'BinaryClassification' | 'MulticlassClassification' | 'Regression';
export type AutoMLMode = 'AUTO' | 'ENSEMBLING' | 'HYPERPARAMETER_TUNING';
export type AutoMLJobStatus = AutoMLJob['AutoMLJobStatus'];
export type SecondaryStatus = AutoMLJob['AutoMLJobSecondaryStatus'];
