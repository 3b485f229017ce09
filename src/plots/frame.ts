// Plot frame: outer size, margins and the inner box every chart draws into.

export interface Size {
  width: number;
  height: number;
}

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Frame {
  width: number;
  height: number;
  margin: Margin;
  /** inner box in pixels */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function makeFrame(size: Size, margin: Margin): Frame {
  const width = Math.max(size.width, margin.left + margin.right + 10);
  const height = Math.max(size.height, margin.top + margin.bottom + 10);
  return {
    width,
    height,
    margin,
    left: margin.left,
    right: width - margin.right,
    top: margin.top,
    bottom: height - margin.bottom,
  };
}

export interface PositionedTick {
  value: number;
  label: string;
  /** pixel position along the axis */
  pos: number;
}

/** what a chart model hands its grid and axes: the frame and the ticks' pixel positions */
export interface ChartAxes {
  frame: Frame;
  xTicks: PositionedTick[];
  yTicks: PositionedTick[];
  /** pixel positions of unlabelled minor ticks (log axes) */
  xMinor?: number[];
  yMinor?: number[];
}
