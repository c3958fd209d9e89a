using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Snapshots;

/// <summary>
/// How a host's type <typeparamref name="T"/> is read as a snapshot: one compiled getter per public
/// property, made once per type, and for each map version a binding of the version's fields to
/// those getters, made once per version. A snapshot read calls the bound getters only.
/// </summary>
internal sealed class ObjectShape<T>
{
    public static readonly ObjectShape<T> Instance = new();

    private readonly Dictionary<string, Func<T, object?>> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<T, object?>?> _folded = new(StringComparer.OrdinalIgnoreCase);

    // Keyed by the version's customer layout, so that a version's binding goes when the version does.
    private readonly ConditionalWeakTable<RowLayout, Binding> _bindings = new();

    private ObjectShape()
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null && CanBox(p.PropertyType));
        foreach (var property in properties)
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? property.Name;
            var getter = Compile(property);
            _exact.TryAdd(name, getter);
            // Two properties that differ only in case match neither by folded name.
            _folded[name] = _folded.ContainsKey(name) ? null : getter;
        }
    }

    /// <summary>How many bindings exist (one per live map version that read a <typeparamref name="T"/>).</summary>
    internal int BindingCount => _bindings.Count();

    public Binding For(DecisionPlan plan) => _bindings.GetValue(plan.Customer, layout => new Binding(
        [.. layout.Fields.Select(f => Find(f.Name))],
        Find(plan.IdField),
        Find("holdings"),
        Find("events"),
        Find("contacts"),
        Find("responses")));

    private Func<T, object?>? Find(string name) =>
        _exact.TryGetValue(name, out var exact) ? exact : _folded.GetValueOrDefault(name);

    // A Span, a pointer or a ref return cannot be boxed: its getter did not compile, and the type
    // initializer's exception made every snapshot of the type throw. No field value is one of these.
    private static bool CanBox(Type type) => !type.IsByRefLike && !type.IsPointer && !type.IsByRef && !type.IsFunctionPointer;

    private static Func<T, object?> Compile(PropertyInfo property)
    {
        var instance = Expression.Parameter(typeof(T), "customer");
        Expression read = Expression.Property(instance, property);
        var body = property.PropertyType.IsValueType ? Expression.Convert(read, typeof(object)) : read;
        return Expression.Lambda<Func<T, object?>>(body, instance).Compile();
    }

    /// <summary>One map version's fields bound to getters (null: the type has no such property).</summary>
    public sealed record Binding(
        Func<T, object?>?[] Fields,
        Func<T, object?>? Id,
        Func<T, object?>? Holdings,
        Func<T, object?>? Events,
        Func<T, object?>? Contacts,
        Func<T, object?>? Responses);
}
