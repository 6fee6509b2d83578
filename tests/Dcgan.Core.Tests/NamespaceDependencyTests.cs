using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Dcgan.Core.Tests;

/// <summary>
/// The namespaces of Dcgan.Abstractions and Dcgan.Core depend on each other one way only, in the order drawn in
/// <c>docs/architecture.md</c>. Reads the compiled assemblies (signatures, attributes and every method body), so a
/// reference that the source hides behind <c>var</c>, a lambda or an extension method is still seen.
/// </summary>
public sealed class NamespaceDependencyTests
{
    /// <summary>Lowest first: a namespace may use those above it in this list, never those below.</summary>
    private static readonly string[] Layers =
    [
        "Dcgan.Diagnostics",
        "Dcgan.Evaluation",
        "Dcgan.Models.DiscriminatorPieces",
        "Dcgan.Models",
        "Dcgan.Persistence",
        "Dcgan.Inference",
        "Dcgan.Imaging",
        "Dcgan.Data",
        "Dcgan.Training.Losses",
        "Dcgan.Training",
        "Dcgan",
    ];

    private static readonly string[] Assemblies = ["Dcgan.Abstractions", "Dcgan.Core"];

    [Fact]
    public void Namespaces_DependOnlyOnLowerLayers()
    {
        IReadOnlyCollection<(string From, string To, string Where)> edges = Edges();

        edges.Select(e => e.From).Concat(edges.Select(e => e.To)).Distinct().Should().BeSubsetOf(Layers, "every namespace has a place in the drawing");
        var backwards = edges.Where(e => Array.IndexOf(Layers, e.To) > Array.IndexOf(Layers, e.From))
            .Select(e => $"{e.From} -> {e.To} ({e.Where})").Distinct().ToList();
        backwards.Should().BeEmpty("arrows run from higher layers to lower ones only");
    }

    [Fact]
    public void Namespaces_TheSeamsAreReallyUsed()
    {
        // The test above must not pass because it sees nothing: these arrows exist by design.
        var pairs = Edges().Select(e => (e.From, e.To)).ToHashSet();

        pairs.Should().Contain([("Dcgan.Inference", "Dcgan.Models"), ("Dcgan.Persistence", "Dcgan.Models"), ("Dcgan.Models", "Dcgan.Models.DiscriminatorPieces"), ("Dcgan.Imaging", "Dcgan.Inference"), ("Dcgan.Training", "Dcgan.Training.Losses"), ("Dcgan", "Dcgan.Training")]);
    }

    [Fact]
    public void Abstractions_ReferencesNoTensorLibrary()
    {
        using AssemblyDefinition abstractions = AssemblyDefinition.ReadAssembly(PathOf("Dcgan.Abstractions"));

        abstractions.MainModule.AssemblyReferences.Select(r => r.Name).Should()
            .NotContain(name => name.StartsWith("TorchSharp", StringComparison.Ordinal) || name.Contains("torch", StringComparison.OrdinalIgnoreCase));
    }

    private static List<(string From, string To, string Where)> Edges()
    {
        var edges = new List<(string, string, string)>();
        foreach (string name in Assemblies)
        {
            using AssemblyDefinition assembly = AssemblyDefinition.ReadAssembly(PathOf(name));
            foreach (TypeDefinition type in assembly.MainModule.GetTypes())
            {
                string from = NamespaceOf(type);
                if (!from.StartsWith("Dcgan", StringComparison.Ordinal))
                    continue; // compiler-embedded attributes
                foreach ((TypeReference used, string where) in References(type))
                {
                    foreach (string to in Namespaces(used))
                    {
                        if (to != from && IsOurs(to))
                            edges.Add((from, to, $"{type.FullName} {where} uses {used.FullName}"));
                    }
                }
            }
        }
        return edges;
    }

    private static bool IsOurs(string ns) => ns == "Dcgan" || ns.StartsWith("Dcgan.", StringComparison.Ordinal);

    private static string PathOf(string assembly) => Path.Combine(AppContext.BaseDirectory, assembly + ".dll");

    private static string NamespaceOf(TypeReference type)
    {
        while (type.DeclaringType is not null)
            type = type.DeclaringType;
        return type.Namespace;
    }

    /// <summary>The namespaces a type reference names, generic arguments and element types included.</summary>
    private static IEnumerable<string> Namespaces(TypeReference type)
    {
        switch (type)
        {
            case GenericInstanceType generic:
                foreach (string ns in Namespaces(generic.ElementType).Concat(generic.GenericArguments.SelectMany(Namespaces)))
                    yield return ns;
                break;
            case TypeSpecification specification:
                foreach (string ns in Namespaces(specification.ElementType))
                    yield return ns;
                break;
            case GenericParameter:
                break;
            default:
                yield return NamespaceOf(type);
                break;
        }
    }

    private static IEnumerable<(TypeReference, string)> References(TypeDefinition type)
    {
        if (type.BaseType is not null)
            yield return (type.BaseType, "base type");
        foreach (InterfaceImplementation implemented in type.Interfaces)
            yield return (implemented.InterfaceType, "interface");
        foreach (CustomAttribute attribute in type.CustomAttributes)
        {
            foreach (TypeReference used in AttributeTypes(attribute))
                yield return (used, "attribute");
        }
        foreach (FieldDefinition field in type.Fields)
            yield return (field.FieldType, $"field {field.Name}");
        foreach (MethodDefinition method in type.Methods)
        {
            string where = $"method {method.Name}";
            yield return (method.ReturnType, where);
            foreach (ParameterDefinition parameter in method.Parameters)
                yield return (parameter.ParameterType, where);
            foreach (CustomAttribute attribute in method.CustomAttributes)
            {
                foreach (TypeReference used in AttributeTypes(attribute))
                    yield return (used, where);
            }
            if (!method.HasBody)
                continue;
            foreach (VariableDefinition variable in method.Body.Variables)
                yield return (variable.VariableType, where);
            foreach (Instruction instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference used:
                        yield return (used, where);
                        break;
                    case MethodReference called:
                        yield return (called.DeclaringType, where);
                        yield return (called.ReturnType, where);
                        foreach (ParameterDefinition parameter in called.Parameters)
                            yield return (parameter.ParameterType, where);
                        if (called is GenericInstanceMethod genericMethod)
                        {
                            foreach (TypeReference argument in genericMethod.GenericArguments)
                                yield return (argument, where);
                        }
                        break;
                    case FieldReference field:
                        yield return (field.DeclaringType, where);
                        yield return (field.FieldType, where);
                        break;
                }
            }
        }
    }

    private static IEnumerable<TypeReference> AttributeTypes(CustomAttribute attribute)
    {
        yield return attribute.AttributeType;
        foreach (CustomAttributeArgument argument in attribute.ConstructorArguments)
        {
            if (argument.Value is TypeReference typeArgument)
                yield return typeArgument;
        }
    }
}
