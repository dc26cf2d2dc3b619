/** The Model Monitor room's records (monitor/models.py and report_models.py), as generated. */
export type {
  BaselineReport,
  BaseliningJob,
  BaseliningJobList,
  ExecutionReport,
  FeatureBaseline,
  FeatureDrift,
  HistogramBin,
  HistoryPoint,
  MonitoringExecutionList,
  MonitoringExecutionSummary,
  MonitoringHistory,
  MonitoringSchedule,
  MonitoringScheduleList,
  MonitoringScheduleSummary,
  Violation
} from '../core/generated/models';
