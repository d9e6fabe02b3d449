using System.Globalization;
using System.Text;
using AuditHarness.Core.Detections;

namespace AuditHarness.Cli.Output;

/// <summary>Formats one image's result the way Ultralytics prints it: <c>bus.jpg: 3 persons, 1 bus, 45.1 ms</c>.</summary>
public static class DetectionSummary
{
    public static string Format(string imageName, IReadOnlyList<Detection> detections, double milliseconds)
    {
        var text = new StringBuilder(imageName).Append(": ");
        if (detections.Count == 0)
        {
            text.Append("(no detections), ");
        }

        // Ultralytics lists classes in class-id order and adds an "s" for more than one.
        foreach (IGrouping<int, Detection> group in detections.GroupBy(d => d.ClassId).OrderBy(g => g.Key))
        {
            int count = group.Count();
            text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(group.First().ClassName).Append(count > 1 ? "s" : string.Empty).Append(", ");
        }

        return text.Append(milliseconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(" ms").ToString();
    }
}
