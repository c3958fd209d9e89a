namespace Decisioning.Reporting.Board;

/// <summary>Interns ids (strategies, products, channels) as small indexes, in first-seen order.</summary>
internal sealed class IdCatalog
{
    private readonly Dictionary<string, int> indexes = new(StringComparer.Ordinal);
    private readonly List<string> ids = [];

    public IReadOnlyList<string> Ids => ids;

    /// <summary>The id's index, or -1 for null.</summary>
    public int Intern(string? id)
    {
        if (id is null)
        {
            return -1;
        }

        if (!indexes.TryGetValue(id, out var index))
        {
            index = ids.Count;
            ids.Add(id);
            indexes.Add(id, index);
        }

        return index;
    }

    /// <summary>The id's index, or -1 when it was never interned.</summary>
    public int Find(string? id) => id is not null && indexes.TryGetValue(id, out var index) ? index : -1;
}
