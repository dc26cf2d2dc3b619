/* eslint-disable */
/**
 * GENERATED FILE - do not edit by hand.
 *
 * Source: the pydantic contract models (python -m jupyter_smstudio.contracts),
 * converted by scripts/gen-types.mjs with json-schema-to-typescript.
 * Regenerate with `jlpm gen:types`; `jlpm check:types` fails when this file is stale.
 */

export interface SmStudioContract {
  AlgorithmSpecification?: AlgorithmSpecification;
  AppSpecification?: AppSpecification;
  Artifact?: Artifact;
  Association?: Association;
  CategoricalParameterRange?: CategoricalParameterRange;
  Channel?: Channel;
  ClusterConfig?: ClusterConfig;
  Columns?: Columns;
  CompletionCriteria?: CompletionCriteria;
  ContainerDefinition?: ContainerDefinition;
  ContinuousParameterRange?: ContinuousParameterRange;
  CreateEndpointConfigRequest?: CreateEndpointConfigRequest;
  CreateEndpointRequest?: CreateEndpointRequest;
  CreateModelRequest?: CreateModelRequest;
  DataSource?: DataSource;
  DeleteResult?: DeleteResult;
  Deleted?: Deleted;
  DescribeProcessingJob?: DescribeProcessingJob;
  DescribeTrainingJob?: DescribeTrainingJob;
  DesiredWeightAndCapacity?: DesiredWeightAndCapacity;
  Endpoint?: Endpoint;
  EndpointConfig?: EndpointConfig;
  EndpointConfigList?: EndpointConfigList;
  EndpointList?: EndpointList;
  ErrorResponse?: ErrorResponse;
  Experiment?: Experiment;
  ExperimentConfig?: ExperimentConfig;
  ExperimentCreate?: ExperimentCreate;
  ExperimentList?: ExperimentList;
  ExperimentUpdate?: ExperimentUpdate;
  FinalMetric?: FinalMetric;
  GitCommit?: GitCommit;
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
  Lineage?: Lineage;
  LineageNode?: LineageNode;
  LogChunk?: LogChunk;
  MetricBatch?: MetricBatch;
  MetricCount?: MetricCount;
  MetricDefinition?: MetricDefinition;
  MetricDefinitionShape?: MetricDefinitionShape;
  MetricPoint?: MetricPoint;
  MetricSeries?: MetricSeries;
  MetricSummary?: MetricSummary;
  Model?: Model;
  ModelList?: ModelList;
  NestedFilters?: NestedFilters;
  Objective?: Objective;
  OutputDataConfig?: OutputDataConfig;
  ParameterRanges?: ParameterRanges;
  Parent?: Parent;
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
  ResolvedProcessingInput?: ResolvedProcessingInput;
  ResolvedProcessingOutput?: ResolvedProcessingOutput;
  ResourceConfig?: ResourceConfig;
  S3DataSource?: S3DataSource;
  ScriptJobRequest?: ScriptJobRequest;
  SearchExpression?: SearchExpression;
  SearchFilter?: SearchFilter;
  SearchRequest?: SearchRequest;
  SearchResult?: SearchResult;
  StoppingCondition?: StoppingCondition;
  StoppingConditionShape?: StoppingConditionShape;
  StorageEntry?: StorageEntry;
  StorageListing?: StorageListing;
  Tag?: Tag;
  TrainingCheckpointConfig?: TrainingCheckpointConfig;
  TrainingJobConfig?: TrainingJobConfig;
  TrainingJobRequest?: TrainingJobRequest;
  TrainingModelArtifacts?: TrainingModelArtifacts;
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
  UpdateEndpointWeightsAndCapacitiesRequest?: UpdateEndpointWeightsAndCapacitiesRequest;
  WarmStartConfig?: WarmStartConfig;
  WhoAmI?: WhoAmI;
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
export interface ContinuousParameterRange {
  name: string;
  min_value: number;
  max_value: number;
  scaling_type?: 'Auto' | 'Linear' | 'Logarithmic' | 'ReverseLogarithmic';
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
export interface Tag {
  Key: string;
  Value?: string;
}
export interface CreateEndpointRequest {
  EndpointName: string;
  EndpointConfigName: string;
  /**
   * @maxItems 50
   */
  Tags?: Tag[];
}
export interface CreateModelRequest {
  ModelName: string;
  PrimaryContainer: ContainerDefinition;
  ExecutionRoleArn?: string | null;
  /**
   * @maxItems 50
   */
  Tags?: Tag[];
}
export interface DataSource {
  S3DataSource: S3DataSource;
}
export interface S3DataSource {
  S3Uri: string;
  S3DataType?: string;
  S3DataDistributionType?: string;
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
 * The commit a job's script ran from (trial-to-commit lineage).
 */
export interface GitCommit {
  commit: string;
  repository?: string | null;
  dirty?: boolean;
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
  PrimaryContainer: ContainerDefinition;
  ExecutionRoleArn?: string | null;
  CreationTime: string;
  Owner: string;
}
export interface ModelList {
  Models: Model[];
  Total: number;
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
}
export interface TuningTrialList {
  training_jobs: TuningTrial[];
  total: number;
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
