namespace Dcgan.Data;

/// <summary>How <see cref="ImageFolderSource"/> brings an image of any size and aspect to the network's square size.</summary>
public enum ImageFolderFit
{
    /// <summary>Scale so the image covers the square, then cut the centre: nothing is added, the edges of a long side are lost.</summary>
    CropThenResize,

    /// <summary>Scale so the whole image fits in the square, then fill the rest with the background colour: nothing is lost.</summary>
    Pad,
}
