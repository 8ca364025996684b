export { WaveformTimeline, type WaveformTimelineProps } from './WaveformTimeline.tsx';
export { FiringRaster, type FiringRasterProps, type RasterFiber } from './FiringRaster.tsx';
export { EcapTrace, type EcapTraceProps } from './EcapTrace.tsx';
export {
  ClosedLoopPlot,
  type ClosedLoopPlotProps,
  type ClosedLoopPlotData,
} from './ClosedLoopPlot.tsx';
