using FsCheck;
using FsCheck.Fluent;

namespace Decisioning.Testing.Generation;

/// <summary>Uniform choice from a list (FsCheck's overloads would take a list for one element).</summary>
internal static class Pick
{
    public static Gen<T> From<T>(IEnumerable<T> items) => Gen.Elements(items.ToArray());
}
