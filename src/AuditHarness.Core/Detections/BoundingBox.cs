namespace AuditHarness.Core.Detections;

/// <summary>An axis-aligned box in pixel coordinates, corners (x1, y1) top-left and (x2, y2) bottom-right.</summary>
public readonly record struct BoundingBox(float X1, float Y1, float X2, float Y2)
{
    public float Width => MathF.Max(0f, X2 - X1);

    public float Height => MathF.Max(0f, Y2 - Y1);

    public float Area => Width * Height;

    public static BoundingBox FromCenter(float cx, float cy, float w, float h) =>
        new(cx - w / 2f, cy - h / 2f, cx + w / 2f, cy + h / 2f);

    /// <summary>Intersection over union; 0 when either box is empty.</summary>
    public float IntersectionOverUnion(BoundingBox other)
    {
        float iw = MathF.Min(X2, other.X2) - MathF.Max(X1, other.X1);
        float ih = MathF.Min(Y2, other.Y2) - MathF.Max(Y1, other.Y1);
        if (iw <= 0f || ih <= 0f)
        {
            return 0f;
        }

        float intersection = iw * ih;
        float union = Area + other.Area - intersection;
        return union <= 0f ? 0f : intersection / union;
    }

    public BoundingBox ClipTo(float width, float height) => new(
        Math.Clamp(X1, 0f, width),
        Math.Clamp(Y1, 0f, height),
        Math.Clamp(X2, 0f, width),
        Math.Clamp(Y2, 0f, height));
}
