using AuditHarness.Core.Annotations;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Pairs;
using AuditHarness.Core.Specs;
using AuditHarness.Inference.Imaging;
using OpenCvSharp;

namespace AuditHarness.Engine.Pairs;

/// <summary>
/// The model-free first step of a pair (<see cref="PairProcessor.Prepare"/>): reads the image, reads and checks its mask
/// (or paints the inserted artifact) and obtains the artifact-removed variant the spec's <c>masking</c> asks for.
/// Bad input throws <see cref="PairException"/> naming the stage.
/// </summary>
/// <param name="inserter">Draws the artifact of an insertion dataset; required for <see cref="InsertionPair"/>s.</param>
internal sealed class PairPreparer(AuditSpec spec, ArtifactInserter? inserter)
{
    private readonly AnnotationMasks _annotations = spec.Dataset is ManifestDataset { Annotations: var annotations }
        ? new AnnotationMasks(annotations.ArtifactClasses.Count == 0 ? null : new ArtifactClasses(annotations.ArtifactClasses), annotations.ClassNames?.FullPath)
        : new AnnotationMasks(null, null);

    public PreparedPair Prepare(AuditPair pair) => pair switch
    {
        ManifestPair manifestPair => PrepareManifestPair(manifestPair),
        InsertionPair insertionPair => PrepareInsertionPair(insertionPair),
        _ => throw new ArgumentException($"Unknown pair kind {pair.GetType().Name}.", nameof(pair)),
    };

    private PreparedPair PrepareManifestPair(ManifestPair pair)
    {
        Mat? original = null;
        ArtifactMask? mask = null;
        try
        {
            ExifOrientation orientation = ExifOrientation.None;
            original = PairStage.Run("read image", () => ImageFile.Read(pair.Image, spec.MaxPixels, spec.Dicom.Window, out orientation));
            Mat image = original;
            mask = Dilated(PairStage.Run("read mask", () => ReadMask(pair, image, orientation)));
            ArtifactMask artifact = mask;
            Mat removed = PairStage.Run("build artifact-removed variant", () => BuildRemoved(pair, image, orientation, artifact));
            return new PreparedPair(pair, original, mask, removed);
        }
        catch
        {
            original?.Dispose();
            mask?.Dispose();
            throw;
        }
    }

    /// <summary>A mask picture as it is, or the mask drawn from the annotation file the row names, at the image's size.</summary>
    private ArtifactMask ReadMask(ManifestPair pair, Mat image, ExifOrientation orientation)
    {
        MaskReference reference = MaskReference.Parse(pair.Mask);
        if (!reference.IsAnnotation)
        {
            return ArtifactMask.Load(pair.Mask, image.Width, image.Height, pair.Image, orientation);
        }

        var mask = ArtifactMask.FromBytes(_annotations.Draw(reference, pair.Image, image.Width, image.Height), image.Width, image.Height);
        if (mask.IsEmpty)
        {
            mask.Dispose();
            throw new AuditInputException($"Mask drawn from '{pair.Mask}' is empty: its artifact shapes cover no pixel centre of the {image.Width}x{image.Height} image '{pair.Image}'.");
        }

        return mask;
    }

    /// <summary>
    /// The painted image is the pair's original and the painter's mask (exactly the changed pixels) its mask. The
    /// clean image is a true counterfactual, so masking <c>counterfactual</c> uses it as it is; the mask-based methods
    /// remove the painted artifact like any other, so their own effect can be compared with the true one.
    /// </summary>
    private PreparedPair PrepareInsertionPair(InsertionPair pair)
    {
        ArtifactInserter painter = inserter ?? throw new InvalidOperationException("Insertion pairs need the ArtifactInserter of the spec's dataset.insertion.");
        Mat? clean = null;
        Mat? original = null;
        ArtifactMask? mask = null;
        try
        {
            clean = PairStage.Run("read image", () => ImageFile.Read(pair.Image, spec.MaxPixels, spec.Dicom.Window, out _));
            Mat image = clean;
            PaintedArtifact painted = PairStage.Run("insert artifact", () => painter.Paint(image, pair.Image));
            original = painted.Image;
            mask = Dilated(painted.Mask);
            Mat removed;
            if (spec.Masking.Method.ReadsMaskedImage())
            {
                removed = clean;
                clean = null; // handed over to the prepared pair
            }
            else
            {
                Mat withArtifact = original;
                ArtifactMask artifact = mask;
                removed = PairStage.Run("build artifact-removed variant", () => MaskedVariantBuilder.Build(withArtifact, artifact, spec.Masking.Method.MaskFill(), spec.Masking.InpaintRadius));
            }

            return new PreparedPair(pair, original, mask, removed);
        }
        catch
        {
            original?.Dispose();
            mask?.Dispose();
            throw;
        }
        finally
        {
            clean?.Dispose();
        }
    }

    /// <summary>
    /// The first of <paramref name="hosts"/>' candidates for the prepared pair that can be read and has the pair's
    /// size, with the pair's mask removed from it by the spec's masking (Telea inpainting when the method reads a given
    /// or counterfactual image, which the host has not for this mask); null when none qualifies. The host image is
    /// the candidate's artifact-removed variant, built as its own pair builds it, because its original holds an
    /// artifact of another type; an insertion host is its clean original, which holds none.
    /// </summary>
    public TransplantHost? PrepareHost(PreparedPair prepared, PlaceboHosts hosts)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(hosts);
        foreach (AuditPair candidate in hosts.Candidates(prepared.Pair))
        {
            Mat? image = null;
            try
            {
                image = HostImage(candidate);
                if (image.Width != prepared.Original.Width || image.Height != prepared.Original.Height)
                {
                    image.Dispose();
                    continue;
                }

                Mat placebo = MaskedVariantBuilder.Build(image, prepared.Mask, spec.Masking.Method.MaskFill(), spec.Masking.InpaintRadius);
                return new TransplantHost(candidate.PairId, image, placebo);
            }
            catch (PairException)
            {
                // A host whose own files are bad is passed over; its own pair reports them.
                image?.Dispose();
            }
            catch
            {
                image?.Dispose();
                throw;
            }
        }

        return null;
    }

    private Mat HostImage(AuditPair host)
    {
        if (host is InsertionPair)
        {
            return PairStage.Run("read placebo host", () => ImageFile.Read(host.Image, spec.MaxPixels, spec.Dicom.Window, out _));
        }

        using PreparedPair prepared = Prepare(host);
        return prepared.Removed.Clone();
    }

    /// <summary>The mask grown by the spec's <c>masking.dilate</c>; takes ownership of <paramref name="mask"/>.</summary>
    private ArtifactMask Dilated(ArtifactMask mask)
    {
        if (spec.Masking.Dilate == 0)
        {
            return mask;
        }

        using (mask)
        {
            return mask.Dilate(spec.Masking.Dilate);
        }
    }

    private Mat BuildRemoved(ManifestPair pair, Mat original, ExifOrientation originalOrientation, ArtifactMask mask)
    {
        if (spec.Masking.Method.ReadsMaskedImage())
        {
            if (pair.Counterfactual is null)
            {
                throw new AuditInputException($"Pair '{pair.PairId}' has no counterfactual image; masking method '{spec.Masking.Method}' reads it from the manifest's counterfactual column.");
            }

            Mat read = ImageFile.Read(pair.Counterfactual, spec.MaxPixels, spec.Dicom.Window, out ExifOrientation orientation);
            if (read.Width != original.Width || read.Height != original.Height)
            {
                string message = ExifOrientation.SizeMismatch(
                    $"Counterfactual '{pair.Counterfactual}'", read.Width, read.Height, orientation, $"its image '{pair.Image}'", original.Width, original.Height, originalOrientation);
                read.Dispose();
                throw new AuditInputException(message);
            }

            return read;
        }

        return MaskedVariantBuilder.Build(original, mask, spec.Masking.Method.MaskFill(), spec.Masking.InpaintRadius);
    }
}
