namespace Dcgan.Persistence;

/// <summary>Which network a model file holds.</summary>
internal enum ModelKind
{
    Generator,
    Discriminator,
}
