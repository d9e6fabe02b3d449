namespace AuditHarness.Inference.Onnx;

/// <summary>
/// What an end-to-end head's graph computes before it picks its rows, found by <see cref="EndToEndScoreTensorFinder"/>:
/// the per-anchor class scores and, for each output row, the anchor it was gathered from.
/// </summary>
/// <param name="ScoreTensor">The class scores of every anchor, <c>[1,A,nc]</c> or <c>[1,nc,A]</c>, that the rows' scores are gathered from.</param>
/// <param name="RowAnchorTensor">The integer tensor that indexes the rows' boxes: one anchor per output row.</param>
public sealed record EndToEndScoreTensors(string ScoreTensor, string RowAnchorTensor);
