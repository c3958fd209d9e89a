namespace Decisioning.Batch;

/// <summary>
/// A k-way merge of sequences that are each sorted: the union, sorted, read lazily with one item of
/// each source in memory. Equal items come in source order.
/// </summary>
internal static class SortedMerge
{
    public static IEnumerable<T> Merge<T>(IReadOnlyList<IEnumerable<T>> sources, IComparer<T> order)
    {
        var heads = new PriorityQueue<IEnumerator<T>, (T Item, int Source)>(Comparer<(T Item, int Source)>.Create((a, b) =>
        {
            var c = order.Compare(a.Item, b.Item);
            return c != 0 ? c : a.Source.CompareTo(b.Source);
        }));
        var enumerators = new List<IEnumerator<T>>(sources.Count);
        try
        {
            for (var i = 0; i < sources.Count; i++)
            {
                var e = sources[i].GetEnumerator();
                enumerators.Add(e);
                if (e.MoveNext())
                {
                    heads.Enqueue(e, (e.Current, i));
                }
            }

            while (heads.TryDequeue(out var e, out var head))
            {
                yield return head.Item;
                if (e.MoveNext())
                {
                    heads.Enqueue(e, (e.Current, head.Source));
                }
            }
        }
        finally
        {
            foreach (var e in enumerators)
            {
                e.Dispose();
            }
        }
    }
}
