using OpenCvSharp;

namespace AuditHarness.Inference.Imaging;

/// <summary>
/// The EXIF orientation tag (1 to 8) of an image file, which says how its stored pixels are to be turned for display.
/// The harness applies it to every file that has it (image, mask, counterfactual, original, logo, <c>predict</c>
/// source), as <c>cv2.imread</c> does for a colour image, so files that show the same scene line up however they are
/// stored; a tag outside 1 to 8 counts as none.
/// </summary>
public readonly record struct ExifOrientation
{
    // Held as tag - 1, so default(ExifOrientation) is tag 1, no turn.
    private readonly int _turn;

    private ExifOrientation(int tag) => _turn = tag - 1;

    /// <summary>No tag, or tag 1: stored as shown.</summary>
    public static ExifOrientation None { get; } = new(1);

    /// <summary>The tag value, 1 to 8.</summary>
    public int Tag => _turn + 1;

    /// <summary>Tags 5 to 8 turn the image by a quarter, so the shown width is the stored height.</summary>
    public bool SwapsSides => Tag >= 5;

    /// <summary>What the tag does, in words (for messages).</summary>
    public string Description => Tag switch
    {
        2 => "mirror left-right",
        3 => "rotate 180°",
        4 => "mirror top-bottom",
        5 => "mirror and rotate 90° counter-clockwise",
        6 => "rotate 90° clockwise",
        7 => "mirror and rotate 90° clockwise",
        8 => "rotate 90° counter-clockwise",
        _ => "as stored",
    };

    /// <summary>
    /// The one-line message for two files that must be the same size and are not, saying when an EXIF orientation
    /// turned one of them (<c>Mask 'm.png' is 640x480; its image 'i.jpg' is 480x640 after its EXIF orientation 6
    /// (rotate 90° clockwise): turn the mask to match or strip the tag.</c>).
    /// </summary>
    public static string SizeMismatch(string name, long width, long height, ExifOrientation orientation, string other, long otherWidth, long otherHeight, ExifOrientation otherOrientation)
    {
        string message = $"{name} is {width}x{height}{orientation.AfterNote}; {other} is {otherWidth}x{otherHeight}{otherOrientation.AfterNote}";
        if (orientation.SwapsSides != otherOrientation.SwapsSides && width == otherHeight && height == otherWidth)
        {
            string turned = orientation.SwapsSides ? name : other;
            string plain = orientation.SwapsSides ? other : name;
            return $"{message}: the EXIF orientation of {FirstWord(turned)} made the sizes differ; turn {FirstWord(plain)} to match or strip the tag.";
        }

        return message + ".";
    }

    private string AfterNote => Tag == 1 ? string.Empty : $" after its EXIF orientation {Tag} ({Description})";

    // "Mask 'm.png'" -> "the mask"; "its image 'i.jpg'" -> "the image".
    private static string FirstWord(string name)
    {
        string[] words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string word = words.Length > 1 && words[0] == "its" ? words[1] : words[0];
        return $"the {word.ToLowerInvariant()}";
    }

    /// <summary>The orientation a tag value stands for; values outside 1 to 8 are treated as no tag.</summary>
    public static ExifOrientation FromTag(int tag) => tag is >= 1 and <= 8 ? new ExifOrientation(tag) : None;

    /// <summary>The shown width and height of an image stored as <paramref name="width"/> x <paramref name="height"/>.</summary>
    public (long Width, long Height) Shown(long width, long height) => SwapsSides ? (height, width) : (width, height);

    /// <summary>
    /// Turns <paramref name="stored"/> as the tag says, returning a new Mat (and disposing <paramref name="stored"/>)
    /// or <paramref name="stored"/> itself for tag 1; the same flips and transposes as OpenCV's own EXIF handling.
    /// </summary>
    public Mat Apply(Mat stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (Tag == 1)
        {
            return stored;
        }

        var turned = new Mat();
        try
        {
            if (SwapsSides)
            {
                Cv2.Transpose(stored, turned);
            }
            else
            {
                stored.CopyTo(turned);
            }

            // After the transpose, tags 6/7/8 flip like 2/3/4 (left-right, both, top-bottom); 5 is the transpose alone.
            FlipMode? flip = Tag switch
            {
                2 or 6 => FlipMode.Y,
                3 or 7 => FlipMode.XY,
                4 or 8 => FlipMode.X,
                _ => null,
            };
            if (flip is { } mode)
            {
                Cv2.Flip(turned, turned, mode);
            }

            stored.Dispose();
            return turned;
        }
        catch
        {
            turned.Dispose();
            throw;
        }
    }
}
