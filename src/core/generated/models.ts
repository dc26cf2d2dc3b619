/* eslint-disable */
/**
 * GENERATED FILE - do not edit by hand.
 *
 * Source: the pydantic contract models (python -m jupyter_smstudio.contracts),
 * converted by scripts/gen-types.mjs with json-schema-to-typescript.
 * Regenerate with `jlpm gen:types`; `jlpm check:types` fails when this file is stale.
 */

export interface SmStudioContract {
  AccessKey?: AccessKey;
  AccessKeyDeleted?: AccessKeyDeleted;
  AccessKeyMetadata?: AccessKeyMetadata;
  Alarm?: Alarm;
  AlgorithmSpecification?: AlgorithmSpecification;
  AppSpecification?: AppSpecification;
  Artifact?: Artifact;
  Association?: Association;
  AutoMLCandidate?: AutoMLCandidate;
  AutoMLCandidateStep?: AutoMLCandidateStep;
  AutoMLChannel?: AutoMLChannel;
  AutoMLDataSource?: AutoMLDataSource;
  AutoMLDataSplitConfig?: AutoMLDataSplitConfig;
  AutoMLJob?: AutoMLJob;
  AutoMLJobArtifacts?: AutoMLJobArtifacts;
  AutoMLJobCompletionCriteria?: AutoMLJobCompletionCriteria;
  AutoMLJobConfig?: AutoMLJobConfig;
  AutoMLJobList?: AutoMLJobList;
  AutoMLJobObjective?: AutoMLJobObjective;
  AutoMLJobSummary?: AutoMLJobSummary;
  AutoMLOutputDataConfig?: AutoMLOutputDataConfig;
  AutoMLS3DataSource?: AutoMLS3DataSource;
  BaselineReport?: BaselineReport;
  BaseliningJob?: BaseliningJob;
  BaseliningJobList?: BaseliningJobList;
  BatchDataCapture?: BatchDataCapture;
  BatchTransformInput?: BatchTransformInput;
  CandidateArtifactLocations?: CandidateArtifactLocations;
  CandidateProperties?: CandidateProperties;
  CaptureContentTypes?: CaptureContentTypes;
  CaptureOption?: CaptureOption;
  CategoricalParameterRange?: CategoricalParameterRange;
  Channel?: Channel;
  ClusterConfig?: ClusterConfig;
  CollectionConfiguration?: CollectionConfiguration;
  CollectionSummary?: CollectionSummary;
  ColumnAnalysis?: ColumnAnalysis;
  Columns?: Columns;
  CompletionCriteria?: CompletionCriteria;
  ContainerDefinition?: ContainerDefinition;
  ContinuousParameterRange?: ContinuousParameterRange;
  CreateAccessKeyResponse?: CreateAccessKeyResponse;
  CreateAutoMLJobRequest?: CreateAutoMLJobRequest;
  CreateBaseliningJobRequest?: CreateBaseliningJobRequest;
  CreateDataQualityJobDefinitionRequest?: CreateDataQualityJobDefinitionRequest;
  CreateEndpointConfigRequest?: CreateEndpointConfigRequest;
  CreateEndpointRequest?: CreateEndpointRequest;
  CreateModelQualityJobDefinitionRequest?: CreateModelQualityJobDefinitionRequest;
  CreateModelRequest?: CreateModelRequest;
  CreateMonitoringScheduleRequest?: CreateMonitoringScheduleRequest;
  CreateTransformJobRequest?: CreateTransformJobRequest;
  CsvFormat?: CsvFormat;
  CsvPreview?: CsvPreview;
  DataAnalysis?: DataAnalysis;
  DataCapture?: DataCapture;
  DataCaptureConfigSummary?: DataCaptureConfigSummary;
  DataQualityAppSpec?: DataQualityAppSpec;
  DataQualityJobDefinition?: DataQualityJobDefinition;
  DataQualityJobInput?: DataQualityJobInput;
  DataSource?: DataSource;
  DatasetFormat?: DatasetFormat;
  DebugHookConfig?: DebugHookConfig;
  DebugRuleConfiguration?: DebugRuleConfiguration;
  DebugRuleEvaluationStatus?: DebugRuleEvaluationStatus;
  DebuggerLosses?: DebuggerLosses;
  DebuggerTensors?: DebuggerTensors;
  DeleteResult?: DeleteResult;
  Deleted?: Deleted;
  DeployBestAnswer?: DeployBestAnswer;
  DeployBestRequest?: DeployBestRequest;
  DescribeProcessingJob?: DescribeProcessingJob;
  DescribeTrainingJob?: DescribeTrainingJob;
  DesiredWeightAndCapacity?: DesiredWeightAndCapacity;
  Endpoint?: Endpoint;
  EndpointConfig?: EndpointConfig;
  EndpointConfigList?: EndpointConfigList;
  EndpointInput?: EndpointInput;
  EndpointList?: EndpointList;
  EndpointMetrics?: EndpointMetrics;
  ErrorResponse?: ErrorResponse;
  ExecutionReport?: ExecutionReport;
  Experiment?: Experiment;
  ExperimentConfig?: ExperimentConfig;
  ExperimentCreate?: ExperimentCreate;
  ExperimentList?: ExperimentList;
  ExperimentUpdate?: ExperimentUpdate;
  ExplainabilityReport?: ExplainabilityReport;
  FeatureBaseline?: FeatureBaseline;
  FeatureDrift?: FeatureDrift;
  FeatureImportance?: FeatureImportance;
  FinalAutoMLJobObjectiveMetric?: FinalAutoMLJobObjectiveMetric;
  FinalMetric?: FinalMetric;
  GitCommit?: GitCommit;
  GradientHeatmap?: GradientHeatmap;
  HistogramBin?: HistogramBin;
  HistoryPoint?: HistoryPoint;
  HyperbandConfig?: HyperbandConfig;
  InputDataChannel?: InputDataChannel;
  IntegerParameterRange?: IntegerParameterRange;
  Job?: Job;
  JobArtifact?: JobArtifact;
  JobConfig?: JobConfig;
  JobList?: JobList;
  JobReport?: JobReport;
  JobStatusEvent?: JobStatusEvent;
  JobTracking?: JobTracking;
  JsonFormat?: JsonFormat;
  Lineage?: Lineage;
  LineageNode?: LineageNode;
  ListAccessKeysResponse?: ListAccessKeysResponse;
  ListCandidatesAnswer?: ListCandidatesAnswer;
  LogChunk?: LogChunk;
  LossSeries?: LossSeries;
  MetricBatch?: MetricBatch;
  MetricCount?: MetricCount;
  MetricDatum?: MetricDatum;
  MetricDefinition?: MetricDefinition;
  MetricDefinitionShape?: MetricDefinitionShape;
  MetricPoint?: MetricPoint;
  MetricSeries?: MetricSeries;
  MetricSummary?: MetricSummary;
  ModeSteps?: ModeSteps;
  Model?: Model;
  ModelDeployConfig?: ModelDeployConfig;
  ModelDeployResult?: ModelDeployResult;
  ModelList?: ModelList;
  ModelQualityAppSpec?: ModelQualityAppSpec;
  ModelQualityBaseline?: ModelQualityBaseline;
  ModelQualityInput?: ModelQualityInput;
  ModelQualityJobDefinition?: ModelQualityJobDefinition;
  MonitoringAppSpec?: MonitoringAppSpec;
  MonitoringBaselineConfig?: MonitoringBaselineConfig;
  MonitoringClusterConfig?: MonitoringClusterConfig;
  MonitoringExecutionList?: MonitoringExecutionList;
  MonitoringExecutionSummary?: MonitoringExecutionSummary;
  MonitoringGroundTruthS3Input?: MonitoringGroundTruthS3Input;
  MonitoringHistory?: MonitoringHistory;
  MonitoringInput?: MonitoringInput;
  MonitoringJobDefinition?: MonitoringJobDefinition;
  MonitoringJobDefinitionList?: MonitoringJobDefinitionList;
  MonitoringJobDefinitionSummary?: MonitoringJobDefinitionSummary;
  MonitoringOutput?: MonitoringOutput;
  MonitoringOutputConfig?: MonitoringOutputConfig;
  MonitoringResourcesConfig?: MonitoringResourcesConfig;
  MonitoringSchedule?: MonitoringSchedule;
  MonitoringScheduleConfig?: MonitoringScheduleConfig;
  MonitoringScheduleList?: MonitoringScheduleList;
  MonitoringScheduleSummary?: MonitoringScheduleSummary;
  MonitoringScheduleTimes?: MonitoringScheduleTimes;
  MonitoringStoppingCondition?: MonitoringStoppingCondition;
  NestedFilters?: NestedFilters;
  Objective?: Objective;
  OutputDataConfig?: OutputDataConfig;
  ParameterRanges?: ParameterRanges;
  Parent?: Parent;
  PipelineExecution?: PipelineExecution;
  PolicyPut?: PolicyPut;
  PredefinedMetricSpecification?: PredefinedMetricSpecification;
  PreviewColumn?: PreviewColumn;
  PreviewRequest?: PreviewRequest;
  ProcessingInput?: ProcessingInput;
  ProcessingInputShape?: ProcessingInputShape;
  ProcessingJobConfig?: ProcessingJobConfig;
  ProcessingJobRequest?: ProcessingJobRequest;
  ProcessingOutput?: ProcessingOutput;
  ProcessingOutputConfig?: ProcessingOutputConfig;
  ProcessingOutputShape?: ProcessingOutputShape;
  ProcessingResources?: ProcessingResources;
  ProcessingS3Input?: ProcessingS3Input;
  ProcessingS3Output?: ProcessingS3Output;
  ProductionVariant?: ProductionVariant;
  ProductionVariantSummary?: ProductionVariantSummary;
  PutScalingPolicyRequest?: PutScalingPolicyRequest;
  RegisterScalableTargetRequest?: RegisterScalableTargetRequest;
  RegisteredTarget?: RegisteredTarget;
  ResolvedAttributes?: ResolvedAttributes;
  ResolvedProcessingInput?: ResolvedProcessingInput;
  ResolvedProcessingOutput?: ResolvedProcessingOutput;
  ResourceConfig?: ResourceConfig;
  RuleEvaluation?: RuleEvaluation;
  RuleEvaluations?: RuleEvaluations;
  S3DataSource?: S3DataSource;
  S3Output?: S3Output;
  S3Resource?: S3Resource;
  ScalableTarget?: ScalableTarget;
  ScalableTargetList?: ScalableTargetList;
  ScalingActivity?: ScalingActivity;
  ScalingActivityList?: ScalingActivityList;
  ScalingDeleted?: ScalingDeleted;
  ScalingPolicy?: ScalingPolicy;
  ScalingPolicyList?: ScalingPolicyList;
  ScriptJobRequest?: ScriptJobRequest;
  SearchExpression?: SearchExpression;
  SearchFilter?: SearchFilter;
  SearchRequest?: SearchRequest;
  SearchResult?: SearchResult;
  StoppingCondition?: StoppingCondition;
  StoppingConditionShape?: StoppingConditionShape;
  StorageEntry?: StorageEntry;
  StorageListing?: StorageListing;
  SuspendedState?: SuspendedState;
  Tag?: Tag;
  TargetTrackingScalingPolicyConfiguration?: TargetTrackingScalingPolicyConfiguration;
  TensorBoardOutputConfig?: TensorBoardOutputConfig;
  TensorHistogram?: TensorHistogram;
  TensorStatistics?: TensorStatistics;
  TensorSummary?: TensorSummary;
  TrainingCheckpointConfig?: TrainingCheckpointConfig;
  TrainingJobConfig?: TrainingJobConfig;
  TrainingJobRequest?: TrainingJobRequest;
  TrainingModelArtifacts?: TrainingModelArtifacts;
  TransformDataProcessing?: TransformDataProcessing;
  TransformDataSource?: TransformDataSource;
  TransformInput?: TransformInput;
  TransformJob?: TransformJob;
  TransformJobList?: TransformJobList;
  TransformJobSummary?: TransformJobSummary;
  TransformModelClientConfig?: TransformModelClientConfig;
  TransformOutput?: TransformOutput;
  TransformProgress?: TransformProgress;
  TransformResources?: TransformResources;
  TransformS3DataSource?: TransformS3DataSource;
  Trial?: Trial;
  TrialComponent?: TrialComponent;
  TrialComponentCreate?: TrialComponentCreate;
  TrialComponentEvent?: TrialComponentEvent;
  TrialComponentUpdate?: TrialComponentUpdate;
  TrialCreate?: TrialCreate;
  TrialList?: TrialList;
  TuningJob?: TuningJob;
  TuningJobList?: TuningJobList;
  TuningJobRequest?: TuningJobRequest;
  TuningTrial?: TuningTrial;
  TuningTrialList?: TuningTrialList;
  UpdateAccessKeyRequest?: UpdateAccessKeyRequest;
  UpdateBaselineConstraintsRequest?: UpdateBaselineConstraintsRequest;
  UpdateEndpointRequest?: UpdateEndpointRequest;
  UpdateEndpointWeightsAndCapacitiesRequest?: UpdateEndpointWeightsAndCapacitiesRequest;
  UpdateMonitoringScheduleRequest?: UpdateMonitoringScheduleRequest;
  VariantMetrics?: VariantMetrics;
  VariantMinute?: VariantMinute;
  VariantProperty?: VariantProperty;
  Violation?: Violation;
  WarmStartConfig?: WarmStartConfig;
  WhoAmI?: WhoAmI;
}
/**
 * A new key with its secret: the one answer that holds it (the store keeps it encrypted).
 */
export interface AccessKey {
  UserName: string;
  AccessKeyId: string;
  SecretAccessKey: string;
  Status: 'Active' | 'Inactive';
  CreateDate: string;
}
/**
 * DeleteAccessKey's answer (IAM answers nothing but the request's metadata).
 */
export interface AccessKeyDeleted {
  AccessKeyId: string;
}
/**
 * A key as listings show it: never its secret. `LastUsedDate` is absent until the key signs a request
 * (it is kept to the minute: a key in steady use is written once a minute, not on every request).
 */
export interface AccessKeyMetadata {
  UserName: string;
  AccessKeyId: string;
  Status: 'Active' | 'Inactive';
  CreateDate: string;
  LastUsedDate?: string | null;
}
export interface Alarm {
  AlarmName: string;
  AlarmARN: string;
}
export interface AlgorithmSpecification {
  TrainingInputMode?: string;
  MetricDefinitions?: MetricDefinitionShape[];
  EntryPoint?: string | null;
  Framework?: string | null;
}
export interface MetricDefinitionShape {
  Name: string;
  Regex: string;
}
export interface AppSpecification {
  ContainerEntrypoint?: string[];
  ContainerArguments?: string[];
}
export interface Artifact {
  /**
   * A URL (file://, s3://) or a plain value
   */
  value: string;
  media_type?: string | null;
}
export interface Association {
  trial_name: string;
}
export interface AutoMLCandidate {
  CandidateName: string;
  FinalAutoMLJobObjectiveMetric?: FinalAutoMLJobObjectiveMetric | null;
  ObjectiveStatus: 'Succeeded' | 'Pending' | 'Failed';
  CandidateSteps: AutoMLCandidateStep[];
  CandidateStatus: 'Completed' | 'InProgress' | 'Failed' | 'Stopped' | 'Stopping';
  InferenceContainers?: ContainerDefinition[];
  CreationTime: string;
  EndTime?: string | null;
  LastModifiedTime: string;
  FailureReason?: string | null;
  CandidateProperties?: CandidateProperties | null;
  Algorithm?: string | null;
  HyperParameters?: {
    [k: string]: string;
  };
}
export interface FinalAutoMLJobObjectiveMetric {
  Type: 'Maximize' | 'Minimize';
  /**
   * validation:<metric>, as SageMaker names a candidate's objective
   */
  MetricName: string;
  Value: number;
  StandardMetricName: string;
}
export interface AutoMLCandidateStep {
  CandidateStepType:
    | 'AWS::SageMaker::TrainingJob'
    | 'AWS::SageMaker::TransformJob'
    | 'AWS::SageMaker::ProcessingJob';
  CandidateStepArn: string;
  CandidateStepName: string;
}
/**
 * The model's container: its artifact (`model.tar.gz` of a training job, or a folder) and its environment,
 * where `SAGEMAKER_PROGRAM` names the inference entry point in `SAGEMAKER_SUBMIT_DIRECTORY` (a folder, or a
 * `sourcedir.tar.gz` URL as training packs it). `Image` is recorded; instances run this server's Python.
 */
export interface ContainerDefinition {
  Image?: string | null;
  ModelDataUrl?: string | null;
  Environment?: {
    [k: string]: string;
  };
}
export interface CandidateProperties {
  CandidateArtifactLocations?: CandidateArtifactLocations | null;
  CandidateMetrics?: MetricDatum[];
}
export interface CandidateArtifactLocations {
  Explainability?: string | null;
  ModelInsights?: string | null;
}
export interface MetricDatum {
  MetricName: string;
  Value: number;
  Set: 'Train' | 'Validation' | 'Test';
  StandardMetricName: string;
}
export interface AutoMLChannel {
  DataSource: AutoMLDataSource;
  TargetAttributeName: string;
  CompressionType?: 'None' | 'Gzip';
  ContentType?: string | null;
  ChannelType?: 'training' | 'validation';
  SampleWeightAttributeName?: string | null;
}
export interface AutoMLDataSource {
  S3DataSource: AutoMLS3DataSource;
}
export interface AutoMLS3DataSource {
  S3DataType?: 'S3Prefix' | 'ManifestFile';
  /**
   * A CSV file, or a folder of CSV files with one header
   */
  S3Uri: string;
}
export interface AutoMLDataSplitConfig {
  ValidationFraction?: number | null;
}
/**
 * DescribeAutoMLJob's answer (Owner, the analysis and the explainability report's locations are the room's).
 */
export interface AutoMLJob {
  AutoMLJobName: string;
  AutoMLJobArn: string;
  InputDataConfig: AutoMLChannel[];
  OutputDataConfig: AutoMLOutputDataConfig;
  RoleArn?: string | null;
  AutoMLJobObjective?: AutoMLJobObjective | null;
  ProblemType?: ('BinaryClassification' | 'MulticlassClassification' | 'Regression') | null;
  AutoMLJobConfig?: AutoMLJobConfig | null;
  CreationTime: string;
  EndTime?: string | null;
  LastModifiedTime: string;
  FailureReason?: string | null;
  PartialFailureReasons?: {
    [k: string]: string;
  }[];
  BestCandidate?: AutoMLCandidate | null;
  AutoMLJobStatus: 'Completed' | 'InProgress' | 'Failed' | 'Stopped' | 'Stopping';
  AutoMLJobSecondaryStatus:
    | 'Starting'
    | 'AnalyzingData'
    | 'FeatureEngineering'
    | 'ModelTuning'
    | 'GeneratingExplainabilityReport'
    | 'Completed'
    | 'Failed'
    | 'Stopped'
    | 'Stopping'
    | 'MaxCandidatesReached'
    | 'MaxAutoMLJobRuntimeReached'
    | 'CandidateDefinitionsGenerated';
  GenerateCandidateDefinitionsOnly?: boolean;
  AutoMLJobArtifacts?: AutoMLJobArtifacts | null;
  ResolvedAttributes?: ResolvedAttributes | null;
  ModelDeployConfig?: ModelDeployConfig | null;
  ModelDeployResult?: ModelDeployResult | null;
  Owner: string;
  /**
   * analysis.json (the room's)
   */
  DataAnalysisLocation?: string | null;
  /**
   * report.json (the room's)
   */
  ExplainabilityReportLocation?: string | null;
  /**
   * Training jobs started for candidates so far (the room's)
   */
  CandidateCount?: number;
}
export interface AutoMLOutputDataConfig {
  S3OutputPath: string;
  KmsKeyId?: string | null;
}
export interface AutoMLJobObjective {
  MetricName: string;
}
export interface AutoMLJobConfig {
  CompletionCriteria?: AutoMLJobCompletionCriteria | null;
  DataSplitConfig?: AutoMLDataSplitConfig | null;
  Mode?: 'AUTO' | 'ENSEMBLING' | 'HYPERPARAMETER_TUNING';
}
export interface AutoMLJobCompletionCriteria {
  MaxCandidates?: number | null;
  MaxRuntimePerTrainingJobInSeconds?: number | null;
  MaxAutoMLJobRuntimeInSeconds?: number | null;
}
export interface AutoMLJobArtifacts {
  CandidateDefinitionNotebookLocation?: string | null;
  DataExplorationNotebookLocation?: string | null;
}
export interface ResolvedAttributes {
  AutoMLJobObjective?: AutoMLJobObjective | null;
  ProblemType?: ('BinaryClassification' | 'MulticlassClassification' | 'Regression') | null;
  CompletionCriteria?: AutoMLJobCompletionCriteria | null;
}
/**
 * Deploy the best candidate once the job completes (an endpoint of the Endpoints room).
 */
export interface ModelDeployConfig {
  AutoGenerateEndpointName?: boolean;
  EndpointName?: string | null;
}
export interface ModelDeployResult {
  EndpointName?: string | null;
}
export interface AutoMLJobList {
  AutoMLJobSummaries: AutoMLJobSummary[];
  Total: number;
}
export interface AutoMLJobSummary {
  AutoMLJobName: string;
  AutoMLJobArn: string;
  AutoMLJobStatus: 'Completed' | 'InProgress' | 'Failed' | 'Stopped' | 'Stopping';
  AutoMLJobSecondaryStatus:
    | 'Starting'
    | 'AnalyzingData'
    | 'FeatureEngineering'
    | 'ModelTuning'
    | 'GeneratingExplainabilityReport'
    | 'Completed'
    | 'Failed'
    | 'Stopped'
    | 'Stopping'
    | 'MaxCandidatesReached'
    | 'MaxAutoMLJobRuntimeReached'
    | 'CandidateDefinitionsGenerated';
  CreationTime: string;
  EndTime?: string | null;
  LastModifiedTime: string;
  FailureReason?: string | null;
  ProblemType?: ('BinaryClassification' | 'MulticlassClassification' | 'Regression') | null;
  Owner: string;
}
export interface BaselineReport {
  BaseliningJob: BaseliningJob;
  ItemCount?: number | null;
  Features: FeatureBaseline[];
  Constraints?: {
    [k: string]: unknown;
  } | null;
  MonitoringConfig?: {
    [k: string]: unknown;
  } | null;
  ModelQuality?: {
    [k: string]: number;
  } | null;
}
/**
 * A baselining job as a processing job reads (the SDK's `latest_baselining_job`), with its two outputs.
 */
export interface BaseliningJob {
  BaseliningJobName: string;
  ProcessingJobArn: string;
  ProcessingJobStatus: 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
  FailureReason?: string | null;
  BaselineDatasetS3Uri: string;
  OutputS3Uri: string;
  StatisticsS3Uri: string;
  ConstraintsS3Uri: string;
  CreationTime: string;
  ProcessingStartTime?: string | null;
  ProcessingEndTime?: string | null;
  Owner: string;
}
/**
 * One feature of a baseline: its statistics.json entry and its suggested constraint, side by side.
 */
export interface FeatureBaseline {
  Name: string;
  InferredType: string;
  NumPresent: number;
  NumMissing: number;
  Completeness: number;
  Mean?: number | null;
  Sum?: number | null;
  StdDev?: number | null;
  Min?: number | null;
  Max?: number | null;
  DistinctCount?: number | null;
  Histogram: HistogramBin[];
  ConstraintCompleteness?: number | null;
  IsNonNegative?: boolean | null;
  Domains?: string[] | null;
}
/**
 * One bar: a numeric bucket (`Label` "0.1–0.5", its bounds) or a category (`Label` its value, no bounds).
 */
export interface HistogramBin {
  Label: string;
  Lower?: number | null;
  Upper?: number | null;
  Count: number;
}
export interface BaseliningJobList {
  BaseliningJobs: BaseliningJob[];
  Total: number;
}
/**
 * CreateTransformJob's DataCaptureConfig: when the job completes, its input and output files are listed
 * (S3 manifests) under `<DestinationS3Uri>/input|output/yyyy/mm/dd/hh/<job>.json`, where a Model Monitor
 * schedule's BatchTransformInput reads them.
 */
export interface BatchDataCapture {
  DestinationS3Uri: string;
  KmsKeyId?: string | null;
  GenerateInferenceId?: boolean;
}
/**
 * What a batch transform job with a DataCaptureConfig listed (transform/container.py): its input files, read
 * in `DatasetFormat`.
 */
export interface BatchTransformInput {
  DataCapturedDestinationS3Uri: string;
  DatasetFormat: DatasetFormat;
  LocalPath?: string;
  S3InputMode?: 'Pipe' | 'File';
  S3DataDistributionType?: 'FullyReplicated' | 'ShardedByS3Key';
}
export interface DatasetFormat {
  Csv?: CsvFormat | null;
  Json?: JsonFormat | null;
}
export interface CsvFormat {
  Header?: boolean;
}
export interface JsonFormat {
  Line?: boolean;
}
/**
 * Which content types are captured as text (CSV or JSON); any other is captured as BASE64.
 */
export interface CaptureContentTypes {
  /**
   * @maxItems 10
   */
  CsvContentTypes?:
    | []
    | [string]
    | [string, string]
    | [string, string, string]
    | [string, string, string, string]
    | [string, string, string, string, string]
    | [string, string, string, string, string, string]
    | [string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string];
  /**
   * @maxItems 10
   */
  JsonContentTypes?:
    | []
    | [string]
    | [string, string]
    | [string, string, string]
    | [string, string, string, string]
    | [string, string, string, string, string]
    | [string, string, string, string, string, string]
    | [string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string];
}
export interface CaptureOption {
  CaptureMode: 'Input' | 'Output' | 'InputAndOutput';
}
export interface CategoricalParameterRange {
  name: string;
  /**
   * @minItems 1
   * @maxItems 30
   */
  values: [string, ...string[]];
}
export interface Channel {
  /**
   * file:// or s3:// URL (a prefix or one file)
   */
  s3_data: string;
  content_type?: string | null;
  input_mode?: ('File' | 'FastFile') | null;
  distribution?: 'FullyReplicated' | 'ShardedByS3Key';
}
export interface ClusterConfig {
  InstanceType?: string;
  InstanceCount?: number;
}
export interface CollectionConfiguration {
  CollectionName: string;
  CollectionParameters?: {
    [k: string]: string;
  };
}
export interface CollectionSummary {
  CollectionName: string;
  TensorCount: number;
}
/**
 * One column of the table, as seen on the analysis sample (missing_fraction: over every row).
 */
export interface ColumnAnalysis {
  name: string;
  kind: 'numeric' | 'categorical' | 'text' | 'datetime' | 'id';
  /**
   * Share of all rows where the value is missing
   */
  missing_fraction: number;
  /**
   * Distinct non-missing values in the analysis sample
   */
  distinct_count: number;
  warnings?: ('id_like' | 'constant' | 'empty' | 'mostly_missing' | 'likely_leakage')[];
}
/**
 * What the leaderboard can show for a set of components.
 */
export interface Columns {
  parameters: string[];
  metrics: string[];
  statistics?: string[];
}
/**
 * Stop before max_jobs: at a good enough objective, or when the best stops improving.
 */
export interface CompletionCriteria {
  target_objective_metric_value?: number | null;
  max_number_training_jobs_not_improving?: number | null;
}
export interface ContinuousParameterRange {
  name: string;
  min_value: number;
  max_value: number;
  scaling_type?: 'Auto' | 'Linear' | 'Logarithmic' | 'ReverseLogarithmic';
}
export interface CreateAccessKeyResponse {
  AccessKey: AccessKey;
}
export interface CreateAutoMLJobRequest {
  AutoMLJobName: string;
  /**
   * @minItems 1
   * @maxItems 2
   */
  InputDataConfig: [AutoMLChannel] | [AutoMLChannel, AutoMLChannel];
  OutputDataConfig: AutoMLOutputDataConfig;
  ProblemType?: ('BinaryClassification' | 'MulticlassClassification' | 'Regression') | null;
  AutoMLJobObjective?: AutoMLJobObjective | null;
  AutoMLJobConfig?: AutoMLJobConfig | null;
  RoleArn?: string | null;
  GenerateCandidateDefinitionsOnly?: boolean;
  /**
   * @maxItems 50
   */
  Tags?: Tag[];
  ModelDeployConfig?: ModelDeployConfig | null;
}
export interface Tag {
  Key: string;
  Value?: string;
}
export interface CreateBaseliningJobRequest {
  BaseliningJobName: string;
  BaselineDatasetS3Uri: string;
  DatasetFormat: DatasetFormat;
  OutputS3Uri: string;
  MaxRuntimeInSeconds?: number;
  /**
   * Processes profiling a local CSV at once
   */
  InstanceCount?: number;
  Environment?: {
    [k: string]: string;
  };
  ProblemType?: ('BinaryClassification' | 'MulticlassClassification' | 'Regression') | null;
  InferenceAttribute?: string | null;
  ProbabilityAttribute?: string | null;
  GroundTruthAttribute?: string | null;
  ProbabilityThresholdAttribute?: number | null;
}
export interface CreateDataQualityJobDefinitionRequest {
  JobDefinitionName: string;
  DataQualityBaselineConfig?: MonitoringBaselineConfig | null;
  DataQualityAppSpecification?: DataQualityAppSpec;
  DataQualityJobInput: DataQualityJobInput;
  DataQualityJobOutputConfig: MonitoringOutputConfig;
  JobResources?: MonitoringResourcesConfig;
  RoleArn?: string | null;
  StoppingCondition?: MonitoringStoppingCondition | null;
  /**
   * @maxItems 50
   */
  Tags?: Tag[];
}
export interface MonitoringBaselineConfig {
  BaseliningJobName?: string | null;
  ConstraintsResource?: S3Resource | null;
  StatisticsResource?: S3Resource | null;
}
export interface S3Resource {
  S3Uri: string;
}
export interface DataQualityAppSpec {
  ImageUri?: string;
  ContainerEntrypoint?: string[] | null;
  ContainerArguments?: string[] | null;
  RecordPreprocessorSourceUri?: string | null;
  PostAnalyticsProcessorSourceUri?: string | null;
  Environment?: {
    [k: string]: string;
  };
}
export interface DataQualityJobInput {
  EndpointInput?: EndpointInput | null;
  BatchTransformInput?: BatchTransformInput | null;
}
export interface EndpointInput {
  EndpointName: string;
  LocalPath?: string;
  S3InputMode?: 'Pipe' | 'File';
  S3DataDistributionType?: 'FullyReplicated' | 'ShardedByS3Key';
  InferenceAttribute?: string | null;
  ProbabilityAttribute?: string | null;
  ProbabilityThresholdAttribute?: number | null;
}
export interface MonitoringOutputConfig {
  /**
   * @minItems 1
   * @maxItems 1
   */
  MonitoringOutputs: [MonitoringOutput];
  KmsKeyId?: string | null;
}
export interface MonitoringOutput {
  S3Output: S3Output;
}
export interface S3Output {
  S3Uri: string;
  LocalPath?: string;
  S3UploadMode?: 'Continuous' | 'EndOfJob';
}
export interface MonitoringResourcesConfig {
  ClusterConfig?: MonitoringClusterConfig;
}
export interface MonitoringClusterConfig {
  InstanceCount?: number;
  InstanceType?: string;
  VolumeSizeInGB?: number;
  VolumeKmsKeyId?: string | null;
}
export interface MonitoringStoppingCondition {
  MaxRuntimeInSeconds?: number;
}
export interface CreateEndpointConfigRequest {
  EndpointConfigName: string;
  /**
   * @minItems 1
   * @maxItems 10
   */
  ProductionVariants:
    | [ProductionVariant]
    | [ProductionVariant, ProductionVariant]
    | [ProductionVariant, ProductionVariant, ProductionVariant]
    | [ProductionVariant, ProductionVariant, ProductionVariant, ProductionVariant]
    | [
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant
      ]
    | [
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant
      ]
    | [
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant
      ]
    | [
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant
      ]
    | [
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant
      ]
    | [
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant,
        ProductionVariant
      ];
  DataCaptureConfig?: DataCapture | null;
  KmsKeyId?: string | null;
  /**
   * @maxItems 50
   */
  Tags?: Tag[];
}
export interface ProductionVariant {
  VariantName: string;
  ModelName: string;
  InitialInstanceCount?: number;
  InstanceType?: string;
  InitialVariantWeight?: number;
}
/**
 * SageMaker's DataCaptureConfig: a sample of the requests and answers written as JSON Lines under
 * `<DestinationS3Uri>/<endpoint>/<variant>/yyyy/mm/dd/hh/` in the owner's storage.
 */
export interface DataCapture {
  EnableCapture?: boolean;
  InitialSamplingPercentage: number;
  DestinationS3Uri: string;
  KmsKeyId?: string | null;
  /**
   * @minItems 1
   * @maxItems 2
   */
  CaptureOptions: [CaptureOption] | [CaptureOption, CaptureOption];
  CaptureContentTypeHeader?: CaptureContentTypes | null;
}
export interface CreateEndpointRequest {
  EndpointName: string;
  EndpointConfigName: string;
  /**
   * @maxItems 50
   */
  Tags?: Tag[];
}
export interface CreateModelQualityJobDefinitionRequest {
  JobDefinitionName: string;
  ModelQualityBaselineConfig?: ModelQualityBaseline | null;
  ModelQualityAppSpecification: ModelQualityAppSpec;
  ModelQualityJobInput: ModelQualityInput;
  ModelQualityJobOutputConfig: MonitoringOutputConfig;
  JobResources?: MonitoringResourcesConfig;
  RoleArn?: string | null;
  StoppingCondition?: MonitoringStoppingCondition | null;
  /**
   * @maxItems 50
   */
  Tags?: Tag[];
}
/**
 * ModelQualityBaselineConfig (named apart from the field it types).
 */
export interface ModelQualityBaseline {
  BaseliningJobName?: string | null;
  ConstraintsResource?: S3Resource | null;
}
export interface ModelQualityAppSpec {
  ImageUri?: string;
  ContainerEntrypoint?: string[] | null;
  ContainerArguments?: string[] | null;
  RecordPreprocessorSourceUri?: string | null;
  PostAnalyticsProcessorSourceUri?: string | null;
  Environment?: {
    [k: string]: string;
  };
  ProblemType: 'BinaryClassification' | 'MulticlassClassification' | 'Regression';
}
/**
 * ModelQualityJobInput (named apart from the field it types).
 */
export interface ModelQualityInput {
  EndpointInput: EndpointInput;
  GroundTruthS3Input: MonitoringGroundTruthS3Input;
}
export interface MonitoringGroundTruthS3Input {
  S3Uri: string;
}
/**
 * One container (`PrimaryContainer`), or an inference pipeline (`Containers`, run in order).
 */
export interface CreateModelRequest {
  ModelName: string;
  PrimaryContainer?: ContainerDefinition | null;
  Containers?:
    | [ContainerDefinition]
    | [ContainerDefinition, ContainerDefinition]
    | [ContainerDefinition, ContainerDefinition, ContainerDefinition]
    | [ContainerDefinition, ContainerDefinition, ContainerDefinition, ContainerDefinition]
    | [
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition
      ]
    | [
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition
      ]
    | [
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition
      ]
    | [
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition
      ]
    | [
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition
      ]
    | [
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition
      ]
    | [
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition
      ]
    | [
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition
      ]
    | [
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition
      ]
    | [
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition
      ]
    | [
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition,
        ContainerDefinition
      ]
    | null;
  InferenceExecutionConfig?: PipelineExecution | null;
  ExecutionRoleArn?: string | null;
  /**
   * @maxItems 50
   */
  Tags?: Tag[];
}
/**
 * How an inference pipeline's containers run: `Serial` (each one's answer is the next one's request).
 */
export interface PipelineExecution {
  Mode?: 'Serial' | 'Direct';
}
export interface CreateMonitoringScheduleRequest {
  MonitoringScheduleName: string;
  MonitoringScheduleConfig: MonitoringScheduleConfig;
  /**
   * @maxItems 50
   */
  Tags?: Tag[];
}
/**
 * The job definition inline (MonitoringJobDefinition) or by name (MonitoringJobDefinitionName, made by
 * CreateDataQualityJobDefinition; the schedule keeps it as it was when the schedule was created or updated).
 */
export interface MonitoringScheduleConfig {
  ScheduleConfig?: MonitoringScheduleTimes | null;
  MonitoringJobDefinition?: MonitoringJobDefinition | null;
  MonitoringJobDefinitionName?: string | null;
  MonitoringType?: 'DataQuality' | 'ModelQuality';
}
/**
 * `cron(0 * ? * * *)` as SageMaker writes it, or `NOW` (one run, at once, over the analysis window given
 * as ISO-8601 offsets from now: `-PT1H` .. `-PT0H`).
 */
export interface MonitoringScheduleTimes {
  ScheduleExpression: string;
  DataAnalysisStartTime?: string | null;
  DataAnalysisEndTime?: string | null;
}
export interface MonitoringJobDefinition {
  BaselineConfig?: MonitoringBaselineConfig | null;
  /**
   * @minItems 1
   * @maxItems 1
   */
  MonitoringInputs: [MonitoringInput];
  MonitoringOutputConfig: MonitoringOutputConfig;
  MonitoringResources?: MonitoringResourcesConfig;
  MonitoringAppSpecification?: MonitoringAppSpec | null;
  StoppingCondition?: MonitoringStoppingCondition | null;
  Environment?: {
    [k: string]: string;
  };
  RoleArn?: string | null;
  ProblemType?: ('BinaryClassification' | 'MulticlassClassification' | 'Regression') | null;
}
/**
 * One of EndpointInput (an endpoint's captured data) and BatchTransformInput (data quality only).
 */
export interface MonitoringInput {
  EndpointInput?: EndpointInput | null;
  BatchTransformInput?: BatchTransformInput | null;
  GroundTruthS3Input?: MonitoringGroundTruthS3Input | null;
}
export interface MonitoringAppSpec {
  ImageUri?: string | null;
  ContainerEntrypoint?: string[] | null;
  ContainerArguments?: string[] | null;
  RecordPreprocessorSourceUri?: string | null;
  PostAnalyticsProcessorSourceUri?: string | null;
}
export interface CreateTransformJobRequest {
  TransformJobName: string;
  ModelName: string;
  MaxConcurrentTransforms?: number | null;
  ModelClientConfig?: TransformModelClientConfig | null;
  MaxPayloadInMB?: number | null;
  /**
   * Default: MultiRecord for text/csv split by line, else SingleRecord
   */
  BatchStrategy?: ('MultiRecord' | 'SingleRecord') | null;
  Environment?: {
    [k: string]: string;
  };
  TransformInput: TransformInput;
  TransformOutput: TransformOutput;
  TransformResources: TransformResources;
  DataProcessing?: TransformDataProcessing | null;
  DataCaptureConfig?: BatchDataCapture | null;
  ExperimentConfig?: ExperimentConfig | null;
  /**
   * @maxItems 50
   */
  Tags?: Tag[];
}
/**
 * Recorded as SageMaker answers it; the model runs inside each instance here, with no HTTP timeout.
 */
export interface TransformModelClientConfig {
  InvocationsTimeoutInSeconds?: number | null;
  InvocationsMaxRetries?: number | null;
}
export interface TransformInput {
  DataSource: TransformDataSource;
  ContentType?: string | null;
  CompressionType?: 'None' | 'Gzip';
  /**
   * Line: each line of a file is a record; None: each file is one record
   */
  SplitType?: 'None' | 'Line';
}
export interface TransformDataSource {
  S3DataSource: TransformS3DataSource;
}
/**
 * `S3Prefix`: every object (file) whose name starts with S3Uri (a file, a folder, or a name prefix);
 * `ManifestFile`: S3Uri is a JSON manifest, `[{"prefix": URL}, "relative/key", ...]`.
 */
export interface TransformS3DataSource {
  S3DataType?: 'S3Prefix' | 'ManifestFile';
  S3Uri: string;
}
export interface TransformOutput {
  S3OutputPath: string;
  Accept?: string | null;
  AssembleWith?: 'None' | 'Line';
  KmsKeyId?: string | null;
}
export interface TransformResources {
  InstanceType: string;
  InstanceCount?: number;
  VolumeKmsKeyId?: string | null;
}
/**
 * JSONPath filters as SageMaker documents them (filters.py) and the join of input and output.
 */
export interface TransformDataProcessing {
  InputFilter?: string;
  OutputFilter?: string;
  JoinSource?: 'None' | 'Input';
}
/**
 * SageMaker's experiment_config of a job: which experiment and trial track it. Always written with
 * SageMaker's names (ExperimentName, ...), in requests and answers alike, as the generated types say.
 */
export interface ExperimentConfig {
  ExperimentName?: string | null;
  TrialName?: string | null;
  TrialComponentDisplayName?: string | null;
  RunName?: string | null;
}
export interface CsvPreview {
  S3Uri: string;
  Columns: PreviewColumn[];
  Rows: (string | null)[][];
  /**
   * Per column: the problem type Autopilot infers when it is the target
   */
  SuggestedProblemTypes?: {
    [k: string]: 'BinaryClassification' | 'MulticlassClassification' | 'Regression';
  };
}
export interface PreviewColumn {
  Name: string;
  Kind: 'numeric' | 'categorical' | 'text' | 'datetime' | 'id';
  MissingFraction: number;
}
/**
 * The table as Autopilot sees it before training: the problem, the target's classes and every column.
 */
export interface DataAnalysis {
  TargetAttributeName: string;
  ProblemType: 'BinaryClassification' | 'MulticlassClassification' | 'Regression';
  SampleWeightAttributeName?: string | null;
  /**
   * True when ProblemType was inferred from the target
   */
  problem_type_inferred: boolean;
  /**
   * Every data row of the file (exact)
   */
  row_count: number;
  /**
   * Rows the per-column analysis looked at (a uniform sample)
   */
  sampled_rows: number;
  /**
   * Rows without a target value (exact)
   */
  target_missing_count: number;
  /**
   * Rows per target class over every row (classification only)
   */
  class_counts?: {
    [k: string]: number;
  } | null;
  /**
   * Every column but the target, in file order
   */
  columns: ColumnAnalysis[];
}
export interface DataCaptureConfigSummary {
  EnableCapture: boolean;
  CaptureStatus: 'Started' | 'Stopped';
  CurrentSamplingPercentage: number;
  DestinationS3Uri: string;
  KmsKeyId?: string | null;
}
export interface DataQualityJobDefinition {
  JobDefinitionName: string;
  DataQualityBaselineConfig?: MonitoringBaselineConfig | null;
  DataQualityAppSpecification?: DataQualityAppSpec;
  DataQualityJobInput: DataQualityJobInput;
  DataQualityJobOutputConfig: MonitoringOutputConfig;
  JobResources?: MonitoringResourcesConfig;
  RoleArn?: string | null;
  StoppingCondition?: MonitoringStoppingCondition | null;
  /**
   * @maxItems 50
   */
  Tags?: Tag[];
  JobDefinitionArn: string;
  CreationTime: string;
}
export interface DataSource {
  S3DataSource: S3DataSource;
}
export interface S3DataSource {
  S3Uri: string;
  S3DataType?: string;
  S3DataDistributionType?: string;
}
/**
 * Where the hook writes (S3OutputPath: a file:// or s3:// URL on the user's volume) and what it saves.
 */
export interface DebugHookConfig {
  LocalPath?: string | null;
  S3OutputPath: string;
  HookParameters?: {
    [k: string]: string;
  };
  /**
   * @maxItems 20
   */
  CollectionConfigurations?:
    | []
    | [CollectionConfiguration]
    | [CollectionConfiguration, CollectionConfiguration]
    | [CollectionConfiguration, CollectionConfiguration, CollectionConfiguration]
    | [
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration
      ]
    | [
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration
      ]
    | [
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration
      ]
    | [
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration
      ]
    | [
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration
      ]
    | [
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration
      ]
    | [
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration
      ]
    | [
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration
      ]
    | [
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration
      ]
    | [
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration
      ]
    | [
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration
      ]
    | [
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration
      ]
    | [
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration
      ]
    | [
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration
      ]
    | [
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration
      ]
    | [
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration
      ]
    | [
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration,
        CollectionConfiguration
      ];
}
/**
 * One rule beside the training job. A built-in rule names itself in RuleParameters.rule_to_invoke; a custom
 * rule also gives source_s3_uri (the Python file defining the class). `action_json` holds its actions.
 */
export interface DebugRuleConfiguration {
  RuleConfigurationName: string;
  LocalPath?: string | null;
  S3OutputPath?: string | null;
  RuleEvaluatorImage?: string;
  InstanceType?: string | null;
  VolumeSizeInGB?: number;
  RuleParameters?: {
    [k: string]: string;
  };
}
export interface DebugRuleEvaluationStatus {
  RuleConfigurationName: string;
  RuleEvaluationJobArn?: string | null;
  RuleEvaluationStatus:
    'InProgress' | 'NoIssuesFound' | 'IssuesFound' | 'Error' | 'Stopping' | 'Stopped';
  StatusDetails?: string | null;
  LastModifiedTime?: string | null;
}
/**
 * The losses collection, one series per tensor and mode (train vs validation).
 */
export interface DebuggerLosses {
  TrainingJobName: string;
  Series?: LossSeries[];
}
export interface LossSeries {
  TensorName: string;
  Mode: 'TRAIN' | 'EVAL' | 'PREDICT' | 'GLOBAL';
  Steps?: number[];
  ModeSteps?: number[];
  Values?: (number | null)[];
  Downsampled?: boolean;
}
/**
 * A training job's saved tensors, filtered by collection and regex.
 */
export interface DebuggerTensors {
  TrainingJobName: string;
  /**
   * Every collection, unfiltered
   */
  Collections?: CollectionSummary[];
  Modes?: ModeSteps[];
  /**
   * The hook wrote its end marker: no more steps come
   */
  TrainingEnded?: boolean;
  Tensors?: TensorSummary[];
  /**
   * Why the list is empty (a filter that matches nothing)
   */
  Warning?: string | null;
}
/**
 * How many steps one mode saved, and its first and last (the mode's own step numbers).
 */
export interface ModeSteps {
  Mode: 'TRAIN' | 'EVAL' | 'PREDICT' | 'GLOBAL';
  StepCount: number;
  FirstStep: number;
  LastStep: number;
}
export interface TensorSummary {
  TensorName: string;
  Collections?: string[];
  Shape?: number[];
  DType?: string | null;
  /**
   * The steps saved, per mode
   */
  Modes?: ModeSteps[];
  StepCount?: number;
  LatestStep?: number | null;
  /**
   * The reductions at the latest step (min, max, mean, std, l2, ...)
   */
  Latest?: {
    [k: string]: number | null;
  };
  /**
   * Steps where the tensor held a NaN or an infinity
   */
  NonFiniteStepCount?: number;
  /**
   * Global steps with the full value or a histogram (thinned past 2000)
   */
  ValueSteps?: number[];
}
export interface DeleteResult {
  deleted: {
    [k: string]: number;
  };
}
/**
 * A delete's answer (SageMaker answers nothing but the request's metadata).
 */
export interface Deleted {
  Deleted: string;
}
export interface DeployBestAnswer {
  EndpointName: string;
  ModelName: string;
  EndpointConfigName: string;
  CandidateName: string;
}
/**
 * Deploy a candidate (the best by default) as an inference pipeline behind a new endpoint (the room's own).
 */
export interface DeployBestRequest {
  EndpointName: string;
  CandidateName?: string | null;
  InitialInstanceCount?: number;
  InstanceType?: string;
  /**
   * @maxItems 4
   */
  InferenceResponseKeys?:
    [] | [string] | [string, string] | [string, string, string] | [string, string, string, string];
}
export interface DescribeProcessingJob {
  ProcessingJobName: string;
  ProcessingJobArn: string;
  ProcessingJobStatus: 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
  ProcessingInputs?: ProcessingInputShape[];
  ProcessingOutputConfig: ProcessingOutputConfig;
  ProcessingResources: ProcessingResources;
  StoppingCondition: StoppingConditionShape;
  AppSpecification: AppSpecification;
  Environment?: {
    [k: string]: string;
  };
  CreationTime: string;
  ProcessingStartTime?: string | null;
  ProcessingEndTime?: string | null;
  FailureReason?: string | null;
  ExitMessage?: string | null;
  LogUrl: string;
  Owner: string;
}
export interface ProcessingInputShape {
  InputName: string;
  S3Input: ProcessingS3Input;
}
export interface ProcessingS3Input {
  S3Uri: string;
  LocalPath: string;
}
export interface ProcessingOutputConfig {
  Outputs?: ProcessingOutputShape[];
}
export interface ProcessingOutputShape {
  OutputName: string;
  S3Output: ProcessingS3Output;
}
export interface ProcessingS3Output {
  S3Uri: string;
  LocalPath: string;
}
export interface ProcessingResources {
  ClusterConfig: ClusterConfig;
}
export interface StoppingConditionShape {
  MaxRuntimeInSeconds?: number | null;
}
export interface DescribeTrainingJob {
  TrainingJobName: string;
  TrainingJobArn: string;
  TrainingJobStatus: 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
  SecondaryStatus?: string | null;
  HyperParameters?: {
    [k: string]: string;
  };
  AlgorithmSpecification: AlgorithmSpecification;
  InputDataConfig?: InputDataChannel[];
  OutputDataConfig: OutputDataConfig;
  ResourceConfig: ResourceConfig;
  StoppingCondition: StoppingConditionShape;
  CreationTime: string;
  TrainingStartTime?: string | null;
  TrainingEndTime?: string | null;
  LastModifiedTime?: string | null;
  Environment?: {
    [k: string]: string;
  };
  FinalMetricDataList?: FinalMetric[];
  TrainingTimeInSeconds?: number | null;
  BillableTimeInSeconds?: number;
  ModelArtifacts?: TrainingModelArtifacts | null;
  FailureReason?: string | null;
  CheckpointConfig?: TrainingCheckpointConfig | null;
  ExperimentConfig?: ExperimentConfig | null;
  DebugHookConfig?: DebugHookConfig | null;
  DebugRuleConfigurations?: DebugRuleConfiguration[] | null;
  DebugRuleEvaluationStatuses?: DebugRuleEvaluationStatus[] | null;
  TensorBoardOutputConfig?: TensorBoardOutputConfig | null;
  LogUrl: string;
  Runner: string;
  Owner: string;
}
export interface InputDataChannel {
  ChannelName: string;
  DataSource: DataSource;
}
export interface OutputDataConfig {
  S3OutputPath?: string | null;
}
export interface ResourceConfig {
  InstanceType?: string;
  InstanceCount?: number;
  VolumeSizeInGB?: number;
}
export interface FinalMetric {
  MetricName: string;
  Value?: number | null;
  Timestamp?: string | null;
}
export interface TrainingModelArtifacts {
  S3ModelArtifacts?: string | null;
}
export interface TrainingCheckpointConfig {
  S3Uri: string;
  LocalPath?: string | null;
}
export interface TensorBoardOutputConfig {
  LocalPath?: string | null;
  S3OutputPath: string;
}
export interface DesiredWeightAndCapacity {
  VariantName: string;
  DesiredWeight?: number | null;
  DesiredInstanceCount?: number | null;
}
/**
 * DescribeEndpoint's answer.
 */
export interface Endpoint {
  EndpointName: string;
  EndpointArn: string;
  EndpointConfigName: string;
  EndpointStatus: 'Creating' | 'InService' | 'Updating' | 'Failed' | 'Deleting';
  FailureReason?: string | null;
  ProductionVariants: ProductionVariantSummary[];
  DataCaptureConfig?: DataCaptureConfigSummary | null;
  CreationTime: string;
  LastModifiedTime: string;
  Owner: string;
}
export interface ProductionVariantSummary {
  VariantName: string;
  ModelName: string;
  CurrentWeight: number;
  DesiredWeight: number;
  CurrentInstanceCount: number;
  DesiredInstanceCount: number;
}
/**
 * DescribeEndpointConfig's answer.
 */
export interface EndpointConfig {
  EndpointConfigName: string;
  EndpointConfigArn: string;
  ProductionVariants: ProductionVariant[];
  DataCaptureConfig?: DataCapture | null;
  CreationTime: string;
  Owner: string;
}
export interface EndpointConfigList {
  EndpointConfigs: EndpointConfig[];
  Total: number;
}
export interface EndpointList {
  Endpoints: Endpoint[];
  Total: number;
}
/**
 * An endpoint's last minutes per variant (kept in the server's memory for three hours).
 */
export interface EndpointMetrics {
  EndpointName: string;
  Variants: VariantMetrics[];
}
export interface VariantMetrics {
  VariantName: string;
  CurrentInstanceCount: number;
  Minutes: VariantMinute[];
}
/**
 * One minute of a variant as the router counted it (CloudWatch's Invocations, ModelLatency, Invocation4XX/5XX
 * Errors); the latencies are measured at the router, in milliseconds, absent in a minute without a request.
 */
export interface VariantMinute {
  Start: string;
  Invocations: number;
  Invocation4XXErrors: number;
  Invocation5XXErrors: number;
  LatencyP50Ms?: number | null;
  LatencyP99Ms?: number | null;
}
/**
 * What every failed request answers: never a traceback.
 */
export interface ErrorResponse {
  message: string;
  /**
   * Short machine-readable cause, e.g. ValidationError
   */
  reason: string;
  /**
   * Dotted path of the offending field
   */
  field?: string | null;
}
export interface ExecutionReport {
  Execution: MonitoringExecutionSummary;
  MonitoringType: string;
  ItemCount?: number | null;
  Violations: Violation[];
  Features: FeatureDrift[];
  ModelQuality?: {
    [k: string]: number;
  } | null;
}
export interface MonitoringExecutionSummary {
  MonitoringScheduleName: string;
  ScheduledTime: string;
  CreationTime: string;
  LastModifiedTime: string;
  MonitoringExecutionStatus:
    | 'Pending'
    | 'Completed'
    | 'CompletedWithViolations'
    | 'InProgress'
    | 'Failed'
    | 'Stopping'
    | 'Stopped';
  ProcessingJobArn?: string | null;
  EndpointName?: string | null;
  FailureReason?: string | null;
  MonitoringType?: 'DataQuality' | 'ModelQuality';
  OutputS3Uri?: string | null;
  ProcessingJobName?: string | null;
}
export interface Violation {
  FeatureName: string;
  ConstraintCheckType: string;
  Description: string;
}
/**
 * A feature of an execution against the baseline. `Distance` is the one baseline_drift_check compares (KS
 * between the KLL sketches, L-infinity between category frequencies); PSI and Wasserstein are extra information
 * on the baseline's bins; both histograms are on the baseline's bins.
 */
export interface FeatureDrift {
  Name: string;
  InferredType: string;
  Completeness?: number | null;
  BaselineCompleteness?: number | null;
  Distance?: number | null;
  Threshold?: number | null;
  EffectiveThreshold?: number | null;
  Psi?: number | null;
  Wasserstein?: number | null;
  Histogram: HistogramBin[];
  BaselineHistogram: HistogramBin[];
}
export interface Experiment {
  experiment_name: string;
  display_name: string;
  description?: string | null;
  folder?: string;
  tags?: {
    [k: string]: string;
  };
  owner: string;
  shared?: boolean;
  creation_time: string;
  last_modified_time: string;
  trial_count?: number;
}
export interface ExperimentCreate {
  experiment_name: string;
  display_name?: string | null;
  description?: string | null;
  /**
   * Slash-separated folder to group experiments
   */
  folder?: string;
  tags?: {
    [k: string]: string;
  };
  /**
   * Every user may read it (only its owner changes it)
   */
  shared?: boolean;
}
export interface ExperimentList {
  experiments: Experiment[];
  total: number;
}
export interface ExperimentUpdate {
  display_name?: string | null;
  description?: string | null;
  folder?: string | null;
  tags?: {
    [k: string]: string;
  } | null;
  shared?: boolean | null;
}
/**
 * The best candidate's feature importance over the raw columns, most important first.
 */
export interface ExplainabilityReport {
  method: 'permutation' | 'shap';
  /**
   * The objective metric the importance is measured in (AutoMLJobObjective)
   */
  metric: string;
  /**
   * Rows the importance was computed on (a seeded sample)
   */
  n_rows: number;
  /**
   * Sorted by importance, descending
   */
  feature_importance: FeatureImportance[];
}
/**
 * One raw column's importance; higher is more important whatever way the metric points.
 */
export interface FeatureImportance {
  /**
   * The raw CSV column
   */
  feature: string;
  /**
   * permutation: mean drop of the metric when the column is shuffled (sign-normalised so a drop is positive for lower-is-better metrics too); shap: mean absolute SHAP value
   */
  importance: number;
  /**
   * Standard deviation of the importance over the repeats (or rows for shap)
   */
  std: number;
}
/**
 * The commit a job's script ran from (trial-to-commit lineage).
 */
export interface GitCommit {
  commit: string;
  repository?: string | null;
  dirty?: boolean;
}
/**
 * Gradients per layer over steps: Values[i][j] is the reduction of TensorNames[i] at Steps[j] (null where
 * that step did not save the tensor).
 */
export interface GradientHeatmap {
  TrainingJobName: string;
  Reduction: string;
  TensorNames?: string[];
  Steps?: number[];
  Values?: (number | null)[][];
  StepCount?: number;
  Downsampled?: boolean;
  Warning?: string | null;
}
/**
 * One execution; a failed one, or one without data, has empty dicts (the chart shows a gap).
 */
export interface HistoryPoint {
  ScheduledTime: string;
  Status: string;
  ProcessingJobName?: string | null;
  Violations: number;
  Drift: {
    [k: string]: number;
  };
  Psi: {
    [k: string]: number;
  };
  Completeness: {
    [k: string]: number;
  };
  ModelQuality: {
    [k: string]: number;
  };
}
export interface HyperbandConfig {
  /**
   * Fewest epochs (metric steps) a job runs
   */
  min_resource?: number;
  /**
   * Most epochs (metric steps) a job runs
   */
  max_resource?: number;
}
export interface IntegerParameterRange {
  name: string;
  min_value: number;
  max_value: number;
  scaling_type?: 'Auto' | 'Linear' | 'Logarithmic';
}
export interface Job {
  job_name: string;
  job_kind: string;
  owner: string;
  status: 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
  secondary_status?: string | null;
  failure_reason?: string | null;
  exit_code?: number | null;
  creation_time: string;
  start_time?: string | null;
  end_time?: string | null;
  last_heartbeat?: string | null;
  runner: string;
  log_url: string;
  output_url: string;
  config: JobConfig;
  tags?: {
    [k: string]: string;
  };
}
/**
 * A job's configuration as recorded: the request of its kind (each kind's own fields, kept as
 * sent) and, under `tracking`, what Experiments records of it.
 */
export interface JobConfig {
  tracking?: JobTracking;
  [k: string]: unknown;
}
/**
 * What Experiments records of a job, whatever its kind: the room that starts the job fills it in.
 */
export interface JobTracking {
  display_name?: string | null;
  parameters?: {
    [k: string]: boolean | number | string;
  };
  inputs?: {
    [k: string]: JobArtifact;
  };
  outputs?: {
    [k: string]: JobArtifact;
  };
  /**
   * Recorded once the job has completed
   */
  model_artifact?: string | null;
  git?: GitCommit | null;
  experiment_config?: ExperimentConfig | null;
}
export interface JobArtifact {
  /**
   * A URL (file://, s3://) or a plain value
   */
  value: string;
  media_type?: string | null;
}
export interface JobList {
  jobs: Job[];
  total: number;
}
/**
 * What a running job process may tell the server (with its job token).
 */
export interface JobReport {
  secondary_status?: string | null;
}
/**
 * Payload of the `job-status` event (schema version 2), sent only to those who may read the job.
 */
export interface JobStatusEvent {
  job_name: string;
  job_kind: string;
  owner: string;
  status: 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
}
export interface Lineage {
  trial_component_name: string;
  /**
   * Components whose outputs this one consumed
   */
  upstream: LineageNode[];
  /**
   * Components that consumed this one's outputs
   */
  downstream: LineageNode[];
}
export interface LineageNode {
  trial_component_name: string;
  display_name: string;
  artifact_name: string;
  artifact_value: string;
}
export interface ListAccessKeysResponse {
  AccessKeyMetadata: AccessKeyMetadata[];
  IsTruncated?: boolean;
}
export interface ListCandidatesAnswer {
  Candidates: AutoMLCandidate[];
  Total: number;
}
export interface LogChunk {
  job_name: string;
  /**
   * Byte offset this chunk starts at
   */
  offset: number;
  /**
   * Pass as ?offset= to read on
   */
  next_offset: number;
  text: string;
  /**
   * True when the job has ended and the whole log was read
   */
  complete: boolean;
}
export interface MetricBatch {
  /**
   * @maxItems 10000
   */
  metrics: MetricPoint[];
}
export interface MetricPoint {
  metric_name: string;
  value: number;
  step?: number | null;
  timestamp?: string | null;
}
export interface MetricCount {
  count: number;
}
export interface MetricDefinition {
  Name: string;
  Regex: string;
}
export interface MetricSeries {
  trial_component_name: string;
  metric_name: string;
  steps: (number | null)[];
  timestamps: string[];
  values: (number | null)[];
  total_points: number;
  downsampled?: boolean;
}
export interface MetricSummary {
  metric_name: string;
  count: number;
  min?: number | null;
  max?: number | null;
  avg?: number | null;
  std_dev?: number | null;
  last?: number | null;
  last_step?: number | null;
  time_stamp?: string | null;
}
/**
 * DescribeModel's answer.
 */
export interface Model {
  ModelName: string;
  ModelArn: string;
  PrimaryContainer?: ContainerDefinition | null;
  Containers?: ContainerDefinition[] | null;
  InferenceExecutionConfig?: PipelineExecution | null;
  ExecutionRoleArn?: string | null;
  CreationTime: string;
  Owner: string;
}
export interface ModelList {
  Models: Model[];
  Total: number;
}
export interface ModelQualityJobDefinition {
  JobDefinitionName: string;
  ModelQualityBaselineConfig?: ModelQualityBaseline | null;
  ModelQualityAppSpecification: ModelQualityAppSpec;
  ModelQualityJobInput: ModelQualityInput;
  ModelQualityJobOutputConfig: MonitoringOutputConfig;
  JobResources?: MonitoringResourcesConfig;
  RoleArn?: string | null;
  StoppingCondition?: MonitoringStoppingCondition | null;
  /**
   * @maxItems 50
   */
  Tags?: Tag[];
  JobDefinitionArn: string;
  CreationTime: string;
}
export interface MonitoringExecutionList {
  MonitoringExecutionSummaries: MonitoringExecutionSummary[];
  Total: number;
}
export interface MonitoringHistory {
  MonitoringScheduleName: string;
  MonitoringType: string;
  Points: HistoryPoint[];
}
export interface MonitoringJobDefinitionList {
  JobDefinitionSummaries: MonitoringJobDefinitionSummary[];
  Total: number;
}
export interface MonitoringJobDefinitionSummary {
  MonitoringJobDefinitionName: string;
  MonitoringJobDefinitionArn: string;
  CreationTime: string;
  EndpointName?: string | null;
}
export interface MonitoringSchedule {
  MonitoringScheduleArn: string;
  MonitoringScheduleName: string;
  MonitoringScheduleStatus: 'Pending' | 'Failed' | 'Scheduled' | 'Stopped';
  MonitoringType?: 'DataQuality' | 'ModelQuality';
  FailureReason?: string | null;
  CreationTime: string;
  LastModifiedTime: string;
  MonitoringScheduleConfig: MonitoringScheduleConfig;
  EndpointName?: string | null;
  LastMonitoringExecutionSummary?: MonitoringExecutionSummary | null;
  NextScheduledTime?: string | null;
  Owner: string;
}
export interface MonitoringScheduleList {
  MonitoringScheduleSummaries: MonitoringScheduleSummary[];
  Total: number;
}
export interface MonitoringScheduleSummary {
  MonitoringScheduleName: string;
  MonitoringScheduleArn: string;
  CreationTime: string;
  LastModifiedTime: string;
  MonitoringScheduleStatus: 'Pending' | 'Failed' | 'Scheduled' | 'Stopped';
  EndpointName?: string | null;
  MonitoringType?: 'DataQuality' | 'ModelQuality';
}
export interface NestedFilters {
  NestedPropertyName: string;
  /**
   * @minItems 1
   * @maxItems 20
   */
  Filters:
    | [SearchFilter]
    | [SearchFilter, SearchFilter]
    | [SearchFilter, SearchFilter, SearchFilter]
    | [SearchFilter, SearchFilter, SearchFilter, SearchFilter]
    | [SearchFilter, SearchFilter, SearchFilter, SearchFilter, SearchFilter]
    | [SearchFilter, SearchFilter, SearchFilter, SearchFilter, SearchFilter, SearchFilter]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ];
}
export interface SearchFilter {
  Name: string;
  Operator?:
    | 'Equals'
    | 'NotEquals'
    | 'GreaterThan'
    | 'GreaterThanOrEqualTo'
    | 'LessThan'
    | 'LessThanOrEqualTo'
    | 'Contains'
    | 'Exists'
    | 'NotExists'
    | 'In';
  Value?: string | null;
}
export interface Objective {
  type?: 'Maximize' | 'Minimize';
  metric_name: string;
}
export interface ParameterRanges {
  /**
   * @maxItems 30
   */
  continuous_parameter_ranges?: ContinuousParameterRange[];
  /**
   * @maxItems 30
   */
  integer_parameter_ranges?: IntegerParameterRange[];
  /**
   * @maxItems 30
   */
  categorical_parameter_ranges?: CategoricalParameterRange[];
}
export interface Parent {
  trial_name: string;
  experiment_name: string;
}
export interface PolicyPut {
  PolicyARN: string;
  Alarms: Alarm[];
}
export interface PredefinedMetricSpecification {
  PredefinedMetricType: string;
  ResourceLabel?: string | null;
}
/**
 * The first rows of a CSV and what each column looks like, for the wizard (the room's own call).
 */
export interface PreviewRequest {
  S3Uri: string;
  Rows?: number;
}
export interface ProcessingInput {
  source: string;
  destination?: string;
  input_name?: string | null;
}
/**
 * What a processing job records: its request as sent and its inputs and outputs resolved.
 */
export interface ProcessingJobConfig {
  tracking?: JobTracking;
  code?: string | null;
  command?: string[];
  arguments?: string[];
  environment?: {
    [k: string]: string;
  };
  instance_type?: string;
  instance_count?: number;
  max_runtime_in_seconds?: number;
  experiment_config?: ExperimentConfig | null;
  resolved_inputs?: ResolvedProcessingInput[];
  outputs?: ResolvedProcessingOutput[];
  [k: string]: unknown;
}
export interface ResolvedProcessingInput {
  source: string;
  destination: string;
  input_name?: string | null;
}
export interface ResolvedProcessingOutput {
  source: string;
  destination: string;
  output_name?: string | null;
}
export interface ProcessingJobRequest {
  job_name?: string | null;
  base_job_name?: string | null;
  code: string;
  /**
   * @maxItems 10
   */
  command?:
    | []
    | [string]
    | [string, string]
    | [string, string, string]
    | [string, string, string, string]
    | [string, string, string, string, string]
    | [string, string, string, string, string, string]
    | [string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string, string, string];
  /**
   * @maxItems 1000
   */
  arguments?: string[];
  /**
   * @maxItems 20
   */
  inputs?:
    | []
    | [ProcessingInput]
    | [ProcessingInput, ProcessingInput]
    | [ProcessingInput, ProcessingInput, ProcessingInput]
    | [ProcessingInput, ProcessingInput, ProcessingInput, ProcessingInput]
    | [ProcessingInput, ProcessingInput, ProcessingInput, ProcessingInput, ProcessingInput]
    | [
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput
      ]
    | [
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput
      ]
    | [
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput
      ]
    | [
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput
      ]
    | [
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput
      ]
    | [
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput
      ]
    | [
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput
      ]
    | [
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput
      ]
    | [
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput
      ]
    | [
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput
      ]
    | [
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput
      ]
    | [
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput
      ]
    | [
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput
      ]
    | [
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput
      ]
    | [
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput,
        ProcessingInput
      ];
  /**
   * @maxItems 20
   */
  outputs?:
    | []
    | [ProcessingOutput]
    | [ProcessingOutput, ProcessingOutput]
    | [ProcessingOutput, ProcessingOutput, ProcessingOutput]
    | [ProcessingOutput, ProcessingOutput, ProcessingOutput, ProcessingOutput]
    | [ProcessingOutput, ProcessingOutput, ProcessingOutput, ProcessingOutput, ProcessingOutput]
    | [
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput
      ]
    | [
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput
      ]
    | [
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput
      ]
    | [
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput
      ]
    | [
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput
      ]
    | [
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput
      ]
    | [
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput
      ]
    | [
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput
      ]
    | [
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput
      ]
    | [
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput
      ]
    | [
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput
      ]
    | [
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput
      ]
    | [
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput
      ]
    | [
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput
      ]
    | [
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput,
        ProcessingOutput
      ];
  environment?: {
    [k: string]: string;
  };
  instance_type?: string;
  instance_count?: number;
  max_runtime_in_seconds?: number;
  image_uri?: string | null;
  experiment_config?: ExperimentConfig | null;
  tags?: {
    [k: string]: string;
  };
}
export interface ProcessingOutput {
  source?: string;
  destination?: string | null;
  output_name?: string | null;
}
export interface PutScalingPolicyRequest {
  PolicyName: string;
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
  PolicyType?: string;
  TargetTrackingScalingPolicyConfiguration?: TargetTrackingScalingPolicyConfiguration | null;
}
/**
 * Target tracking on the variant's invocations per instance and minute (the only metric offered).
 */
export interface TargetTrackingScalingPolicyConfiguration {
  TargetValue: number;
  PredefinedMetricSpecification: PredefinedMetricSpecification;
  ScaleOutCooldown?: number;
  ScaleInCooldown?: number;
  DisableScaleIn?: boolean;
}
/**
 * A new target needs both capacities; registering it again changes what is given.
 */
export interface RegisterScalableTargetRequest {
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
  MinCapacity?: number | null;
  MaxCapacity?: number | null;
  RoleARN?: string | null;
  SuspendedState?: SuspendedState | null;
}
export interface SuspendedState {
  DynamicScalingInSuspended?: boolean;
  DynamicScalingOutSuspended?: boolean;
  ScheduledScalingSuspended?: boolean;
}
export interface RegisteredTarget {
  ScalableTargetARN: string;
}
/**
 * One rule of a training job as the Debugger tab shows it: its status, the step where it fired (the plots
 * mark it) and the rule job that evaluates it (its logs in the Jobs room).
 */
export interface RuleEvaluation {
  RuleConfigurationName: string;
  RuleToInvoke?: string | null;
  RuleEvaluationStatus:
    'InProgress' | 'NoIssuesFound' | 'IssuesFound' | 'Error' | 'Stopping' | 'Stopped';
  StatusDetails?: string | null;
  /**
   * The global step where the rule fired
   */
  Step?: number | null;
  StepsEvaluated?: number;
  /**
   * StopTraining, Email, SMS
   */
  Actions?: string[];
  RuleParameters?: {
    [k: string]: string;
  };
  RuleEvaluationJobName?: string | null;
  LastModifiedTime?: string | null;
}
export interface RuleEvaluations {
  TrainingJobName: string;
  TrainingJobStatus: string;
  /**
   * Where the hook writes the tensors
   */
  DebuggerOutputPath?: string | null;
  TensorBoardOutputPath?: string | null;
  RuleEvaluations?: RuleEvaluation[];
}
export interface ScalableTarget {
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
  MinCapacity: number;
  MaxCapacity: number;
  RoleARN: string;
  CreationTime: string;
  SuspendedState: SuspendedState;
  ScalableTargetARN: string;
}
export interface ScalableTargetList {
  ScalableTargets: ScalableTarget[];
  Total: number;
}
/**
 * One change of a variant's instance count, with what caused it; InProgress until the endpoint runs the new
 * count (Successful) or refuses it (Failed, with the reason in StatusMessage).
 */
export interface ScalingActivity {
  ActivityId: string;
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
  Description: string;
  Cause: string;
  StartTime: string;
  EndTime?: string | null;
  StatusCode: 'Pending' | 'InProgress' | 'Successful' | 'Overridden' | 'Unfulfilled' | 'Failed';
  StatusMessage?: string | null;
}
export interface ScalingActivityList {
  ScalingActivities: ScalingActivity[];
  Total: number;
}
/**
 * A deregister's or a delete's answer (Application Auto Scaling answers only the request's metadata).
 */
export interface ScalingDeleted {
  Deleted: string;
}
export interface ScalingPolicy {
  PolicyARN: string;
  PolicyName: string;
  ServiceNamespace: string;
  ResourceId: string;
  ScalableDimension: string;
  PolicyType: string;
  TargetTrackingScalingPolicyConfiguration: TargetTrackingScalingPolicyConfiguration;
  Alarms: Alarm[];
  CreationTime: string;
}
export interface ScalingPolicyList {
  ScalingPolicies: ScalingPolicy[];
  Total: number;
}
/**
 * Run a Python file with arguments and an environment.
 */
export interface ScriptJobRequest {
  /**
   * Unique name; generated when absent
   */
  job_name?: string | null;
  /**
   * Path of a .py file relative to the home volume, an absolute path inside it, or a file:// URL
   */
  script: string;
  /**
   * @maxItems 1000
   */
  arguments?: string[];
  environment?: {
    [k: string]: string;
  };
  stopping_condition?: StoppingCondition;
  /**
   * Seconds between SIGTERM and SIGKILL on stop
   */
  stop_grace_seconds?: number;
  tags?: {
    [k: string]: string;
  };
  experiment_config?: ExperimentConfig | null;
}
export interface StoppingCondition {
  /**
   * Stop the job after this many seconds
   */
  max_runtime_seconds?: number;
}
/**
 * SageMaker's Search expression, with its field names.
 */
export interface SearchExpression {
  /**
   * @maxItems 20
   */
  Filters?:
    | []
    | [SearchFilter]
    | [SearchFilter, SearchFilter]
    | [SearchFilter, SearchFilter, SearchFilter]
    | [SearchFilter, SearchFilter, SearchFilter, SearchFilter]
    | [SearchFilter, SearchFilter, SearchFilter, SearchFilter, SearchFilter]
    | [SearchFilter, SearchFilter, SearchFilter, SearchFilter, SearchFilter, SearchFilter]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ]
    | [
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter,
        SearchFilter
      ];
  /**
   * @maxItems 20
   */
  NestedFilters?:
    | []
    | [NestedFilters]
    | [NestedFilters, NestedFilters]
    | [NestedFilters, NestedFilters, NestedFilters]
    | [NestedFilters, NestedFilters, NestedFilters, NestedFilters]
    | [NestedFilters, NestedFilters, NestedFilters, NestedFilters, NestedFilters]
    | [NestedFilters, NestedFilters, NestedFilters, NestedFilters, NestedFilters, NestedFilters]
    | [
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters
      ]
    | [
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters
      ]
    | [
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters
      ]
    | [
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters
      ]
    | [
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters
      ]
    | [
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters
      ]
    | [
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters
      ]
    | [
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters
      ]
    | [
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters
      ]
    | [
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters
      ]
    | [
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters
      ]
    | [
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters
      ]
    | [
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters
      ]
    | [
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters,
        NestedFilters
      ];
  /**
   * @maxItems 20
   */
  SubExpressions?:
    | []
    | [SearchExpression]
    | [SearchExpression, SearchExpression]
    | [SearchExpression, SearchExpression, SearchExpression]
    | [SearchExpression, SearchExpression, SearchExpression, SearchExpression]
    | [SearchExpression, SearchExpression, SearchExpression, SearchExpression, SearchExpression]
    | [
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression
      ]
    | [
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression
      ]
    | [
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression
      ]
    | [
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression
      ]
    | [
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression
      ]
    | [
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression
      ]
    | [
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression
      ]
    | [
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression
      ]
    | [
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression
      ]
    | [
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression
      ]
    | [
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression
      ]
    | [
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression
      ]
    | [
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression
      ]
    | [
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression
      ]
    | [
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression,
        SearchExpression
      ];
  Operator?: 'And' | 'Or';
}
export interface SearchRequest {
  Resource?: 'ExperimentTrialComponent';
  SearchExpression?: SearchExpression | null;
  SortBy?: string | null;
  SortOrder?: 'Ascending' | 'Descending';
  MaxResults?: number;
  NextToken?: string | null;
}
export interface SearchResult {
  trial_components: TrialComponent[];
  total: number;
  next_token?: string | null;
}
export interface TrialComponent {
  trial_component_name: string;
  display_name: string;
  owner: string;
  status: 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
  status_message?: string | null;
  creation_time: string;
  last_modified_time: string;
  start_time?: string | null;
  end_time?: string | null;
  parameters?: {
    [k: string]: number | string;
  };
  input_artifacts?: {
    [k: string]: Artifact;
  };
  output_artifacts?: {
    [k: string]: Artifact;
  };
  metrics?: MetricSummary[];
  tags?: {
    [k: string]: string;
  };
  source_arn?: string | null;
  source_type?: string | null;
  git_commit?: string | null;
  git_repository?: string | null;
  parents?: Parent[];
}
export interface StorageEntry {
  url: string;
  name: string;
  type: 'file' | 'directory';
  /**
   * A symlink's own size, never its target's
   */
  size?: number | null;
  modified?: string | null;
  /**
   * A symbolic link, described as itself (never followed)
   */
  symlink?: boolean;
}
export interface StorageListing {
  url: string;
  entries: StorageEntry[];
}
export interface TensorHistogram {
  TrainingJobName: string;
  TensorName: string;
  Step: number;
  Mode: 'TRAIN' | 'EVAL' | 'PREDICT' | 'GLOBAL';
  ModeStep: number;
  Counts?: number[];
  /**
   * len(Counts) + 1 bin edges
   */
  Edges?: number[];
  NanCount?: number;
  InfCount?: number;
  /**
   * The histogram the hook saved, or one binned here from the full value
   */
  Source?: 'histogram' | 'value';
}
/**
 * One tensor's reductions over steps. Past `MaxPoints` steps, each point stands for a run of steps (its
 * last step): min-like reductions keep the run's minimum, max-like and the non-finite counts its maximum
 * (a spike is never thinned away), the others the run's mean.
 */
export interface TensorStatistics {
  TrainingJobName: string;
  TensorName: string;
  Steps?: number[];
  /**
   * The mode of each step
   */
  Modes?: ('TRAIN' | 'EVAL' | 'PREDICT' | 'GLOBAL')[];
  /**
   * Each step's number within its mode
   */
  ModeSteps?: number[];
  /**
   * Reduction -> one per step
   */
  Values?: {
    [k: string]: (number | null)[];
  };
  /**
   * Steps saved before thinning
   */
  StepCount?: number;
  Downsampled?: boolean;
}
/**
 * What a training job records: its request as sent (so "Clone" and describe read it back) and
 * what the server resolved (where the code, the model and each channel are).
 */
export interface TrainingJobConfig {
  tracking?: JobTracking;
  entry_point?: string | null;
  source_dir?: string | null;
  framework?: string | null;
  framework_version?: string | null;
  hyperparameters?: {
    [k: string]: boolean | number | string;
  };
  instance_type?: string;
  instance_count?: number;
  max_run?: number;
  metric_definitions?: MetricDefinition[];
  environment?: {
    [k: string]: string;
  };
  checkpoint_s3_uri?: string | null;
  checkpoint_local_path?: string;
  input_mode?: 'File' | 'FastFile';
  experiment_config?: ExperimentConfig | null;
  /**
   * Each channel's URL
   */
  inputs?: {
    [k: string]: string;
  };
  output_path?: string | null;
  code_url?: string | null;
  model_data?: string | null;
  debug_hook_config?: DebugHookConfig | null;
  debug_rule_configurations?: DebugRuleConfiguration[];
  tensor_board_output_config?: TensorBoardOutputConfig | null;
  [k: string]: unknown;
}
export interface TrainingJobRequest {
  job_name?: string | null;
  base_job_name?: string | null;
  /**
   * Script, relative to source_dir if given (required)
   */
  entry_point?: string | null;
  source_dir?: string | null;
  /**
   * @maxItems 50
   */
  dependencies?: string[];
  hyperparameters?: {
    [k: string]: boolean | number | string;
  };
  instance_type?: string;
  instance_count?: number;
  output_path?: string | null;
  code_location?: string | null;
  max_run?: number;
  /**
   * @maxItems 40
   */
  metric_definitions?: MetricDefinition[];
  environment?: {
    [k: string]: string;
  };
  checkpoint_s3_uri?: string | null;
  checkpoint_local_path?: string;
  input_mode?: 'File' | 'FastFile';
  inputs?: {
    [k: string]: Channel;
  };
  image_uri?: string | null;
  framework?: ('sklearn' | 'pytorch' | 'xgboost') | null;
  framework_version?: string | null;
  experiment_config?: ExperimentConfig | null;
  tags?: {
    [k: string]: string;
  };
  debug_hook_config?: DebugHookConfig | null;
  /**
   * @maxItems 20
   */
  debug_rule_configurations?:
    | []
    | [DebugRuleConfiguration]
    | [DebugRuleConfiguration, DebugRuleConfiguration]
    | [DebugRuleConfiguration, DebugRuleConfiguration, DebugRuleConfiguration]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ];
  tensor_board_output_config?: TensorBoardOutputConfig | null;
}
/**
 * DescribeTransformJob's answer, with the job's progress and owner besides SageMaker's fields.
 */
export interface TransformJob {
  TransformJobName: string;
  TransformJobArn: string;
  TransformJobStatus: 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
  FailureReason?: string | null;
  ModelName: string;
  MaxConcurrentTransforms?: number | null;
  ModelClientConfig?: TransformModelClientConfig | null;
  MaxPayloadInMB?: number | null;
  BatchStrategy?: string | null;
  Environment?: {
    [k: string]: string;
  };
  TransformInput: TransformInput;
  TransformOutput: TransformOutput;
  TransformResources: TransformResources;
  DataProcessing?: TransformDataProcessing | null;
  DataCaptureConfig?: BatchDataCapture | null;
  ExperimentConfig?: ExperimentConfig | null;
  CreationTime: string;
  TransformStartTime?: string | null;
  TransformEndTime?: string | null;
  LastModifiedTime: string;
  Progress: TransformProgress;
  Owner: string;
}
/**
 * Records answered so far, of all the records of the input (known once the job has read its input).
 */
export interface TransformProgress {
  RecordsDone?: number;
  RecordsTotal?: number | null;
}
export interface TransformJobList {
  TransformJobSummaries: TransformJobSummary[];
  Total: number;
}
export interface TransformJobSummary {
  TransformJobName: string;
  TransformJobArn: string;
  TransformJobStatus: 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
  FailureReason?: string | null;
  CreationTime: string;
  TransformEndTime?: string | null;
  LastModifiedTime: string;
}
export interface Trial {
  trial_name: string;
  experiment_name: string;
  display_name: string;
  tags?: {
    [k: string]: string;
  };
  owner: string;
  creation_time: string;
  last_modified_time: string;
  trial_component_count?: number;
}
export interface TrialComponentCreate {
  trial_component_name: string;
  display_name?: string | null;
  status?: 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
  status_message?: string | null;
  start_time?: string | null;
  end_time?: string | null;
  parameters?: {
    [k: string]: number | string;
  };
  input_artifacts?: {
    [k: string]: Artifact;
  };
  output_artifacts?: {
    [k: string]: Artifact;
  };
  tags?: {
    [k: string]: string;
  };
  /**
   * The job this component tracks
   */
  source_arn?: string | null;
  source_type?: string | null;
  git_commit?: string | null;
  git_repository?: string | null;
  /**
   * Associate with this trial
   */
  trial_name?: string | null;
}
/**
 * Payload of the `trial-component` jupyter_event (schema version 1).
 */
export interface TrialComponentEvent {
  trial_component_name: string;
  owner: string;
  change: 'created' | 'updated' | 'metrics' | 'deleted';
}
export interface TrialComponentUpdate {
  display_name?: string | null;
  status?: ('InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped') | null;
  status_message?: string | null;
  start_time?: string | null;
  end_time?: string | null;
  /**
   * Added or overwritten
   */
  parameters?: {
    [k: string]: number | string;
  };
  parameters_to_remove?: string[];
  input_artifacts?: {
    [k: string]: Artifact;
  };
  output_artifacts?: {
    [k: string]: Artifact;
  };
  tags?: {
    [k: string]: string;
  } | null;
}
export interface TrialCreate {
  trial_name: string;
  experiment_name: string;
  display_name?: string | null;
  tags?: {
    [k: string]: string;
  };
}
export interface TrialList {
  trials: Trial[];
  total: number;
}
export interface TuningJob {
  tuning_job_name: string;
  owner: string;
  status: 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped';
  failure_reason?: string | null;
  strategy: 'Bayesian' | 'Random' | 'Grid' | 'Hyperband';
  objective: Objective;
  parameter_ranges: ParameterRanges;
  max_jobs: number;
  max_parallel_jobs: number;
  early_stopping_type: 'Off' | 'Auto';
  creation_time: string;
  last_modified_time: string;
  end_time?: string | null;
  /**
   * Training jobs by status: Completed, InProgress, Failed, Stopped
   */
  status_counters: {
    [k: string]: number;
  };
  /**
   * Objective values: Succeeded, Pending, Failed
   */
  objective_counters: {
    [k: string]: number;
  };
  best_training_job?: TuningTrial | null;
  warm_start?: WarmStartConfig | null;
  completion_criteria?: CompletionCriteria | null;
  /**
   * Why it ended before max_jobs
   */
  completion_reason?: string | null;
  training_job: TrainingJobRequest;
  tags?: {
    [k: string]: string;
  };
}
/**
 * One training job of a tuning job (ListTrainingJobsForHyperParameterTuningJob).
 */
export interface TuningTrial {
  number: number;
  training_job_name: string;
  status: 'InProgress' | 'Completed' | 'Failed' | 'Stopped';
  tuned_hyperparameters: {
    [k: string]: number | string;
  };
  objective_value?: number | null;
  objective_status?: 'Pending' | 'Succeeded' | 'Failed';
  early_stopped?: boolean;
  failure_reason?: string | null;
  creation_time: string;
  end_time?: string | null;
}
/**
 * Earlier tuning jobs whose training jobs seed this one's search (they do not count in max_jobs).
 */
export interface WarmStartConfig {
  warm_start_type: 'IdenticalDataAndAlgorithm' | 'TransferLearning';
  /**
   * Names of ended tuning jobs
   *
   * @minItems 1
   * @maxItems 5
   */
  parents:
    | [string]
    | [string, string]
    | [string, string, string]
    | [string, string, string, string]
    | [string, string, string, string, string];
}
export interface TuningJobList {
  tuning_jobs: TuningJob[];
  total: number;
}
export interface TuningJobRequest {
  tuning_job_name?: string | null;
  base_tuning_job_name?: string | null;
  strategy?: 'Bayesian' | 'Random' | 'Grid' | 'Hyperband';
  objective: Objective;
  parameter_ranges: ParameterRanges;
  /**
   * Training jobs in all (Grid: the grid's size when absent)
   */
  max_jobs?: number | null;
  max_parallel_jobs?: number;
  early_stopping_type?: 'Off' | 'Auto';
  hyperband?: HyperbandConfig | null;
  random_seed?: number | null;
  warm_start?: WarmStartConfig | null;
  completion_criteria?: CompletionCriteria | null;
  training_job: TrainingJobRequest1;
  tags?: {
    [k: string]: string;
  };
}
/**
 * The training job every trial runs (static hyperparameters)
 */
export interface TrainingJobRequest1 {
  job_name?: string | null;
  base_job_name?: string | null;
  /**
   * Script, relative to source_dir if given (required)
   */
  entry_point?: string | null;
  source_dir?: string | null;
  /**
   * @maxItems 50
   */
  dependencies?: string[];
  hyperparameters?: {
    [k: string]: boolean | number | string;
  };
  instance_type?: string;
  instance_count?: number;
  output_path?: string | null;
  code_location?: string | null;
  max_run?: number;
  /**
   * @maxItems 40
   */
  metric_definitions?: MetricDefinition[];
  environment?: {
    [k: string]: string;
  };
  checkpoint_s3_uri?: string | null;
  checkpoint_local_path?: string;
  input_mode?: 'File' | 'FastFile';
  inputs?: {
    [k: string]: Channel;
  };
  image_uri?: string | null;
  framework?: ('sklearn' | 'pytorch' | 'xgboost') | null;
  framework_version?: string | null;
  experiment_config?: ExperimentConfig | null;
  tags?: {
    [k: string]: string;
  };
  debug_hook_config?: DebugHookConfig | null;
  /**
   * @maxItems 20
   */
  debug_rule_configurations?:
    | []
    | [DebugRuleConfiguration]
    | [DebugRuleConfiguration, DebugRuleConfiguration]
    | [DebugRuleConfiguration, DebugRuleConfiguration, DebugRuleConfiguration]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ]
    | [
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration,
        DebugRuleConfiguration
      ];
  tensor_board_output_config?: TensorBoardOutputConfig | null;
}
export interface TuningTrialList {
  training_jobs: TuningTrial[];
  total: number;
}
export interface UpdateAccessKeyRequest {
  Status: 'Active' | 'Inactive';
}
export interface UpdateBaselineConstraintsRequest {
  Constraints: {
    [k: string]: unknown;
  };
}
/**
 * UpdateEndpoint: the endpoint moves to another configuration, blue/green (the new instances serve before
 * the old ones stop). `RetainAllVariantProperties` keeps the live weights and counts of the variants both
 * configurations name, except the properties listed in `ExcludeRetainedVariantProperties`. `DeploymentConfig`
 * (SageMaker's traffic-shifting and rollback policy) is accepted: here the switch is all at once, and a new
 * configuration that does not start rolls back.
 */
export interface UpdateEndpointRequest {
  EndpointConfigName: string;
  RetainAllVariantProperties?: boolean;
  /**
   * @maxItems 3
   */
  ExcludeRetainedVariantProperties?:
    | []
    | [VariantProperty]
    | [VariantProperty, VariantProperty]
    | [VariantProperty, VariantProperty, VariantProperty];
  DeploymentConfig?: {
    [k: string]: unknown;
  } | null;
  RetainDeploymentConfig?: boolean;
}
export interface VariantProperty {
  VariantPropertyType: 'DesiredInstanceCount' | 'DesiredWeight' | 'DataCaptureConfig';
}
export interface UpdateEndpointWeightsAndCapacitiesRequest {
  /**
   * @minItems 1
   * @maxItems 10
   */
  DesiredWeightsAndCapacities:
    | [DesiredWeightAndCapacity]
    | [DesiredWeightAndCapacity, DesiredWeightAndCapacity]
    | [DesiredWeightAndCapacity, DesiredWeightAndCapacity, DesiredWeightAndCapacity]
    | [
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity
      ]
    | [
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity
      ]
    | [
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity
      ]
    | [
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity
      ]
    | [
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity
      ]
    | [
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity
      ]
    | [
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity,
        DesiredWeightAndCapacity
      ];
}
export interface UpdateMonitoringScheduleRequest {
  MonitoringScheduleConfig: MonitoringScheduleConfig;
}
/**
 * The identity the server sees and what this server offers.
 */
export interface WhoAmI {
  user: string;
  admin: boolean;
  version: string;
  rooms: string[];
  job_runner: string;
  storage_root: string;
  home_volume: string;
}
