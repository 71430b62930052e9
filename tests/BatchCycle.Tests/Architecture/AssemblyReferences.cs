using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace BatchCycle.Tests.Architecture;

/// <summary>
/// Which namespaces the types of a compiled assembly use, read from its metadata: base types and interfaces,
/// fields, method signatures and locals, attributes, and every type, method and field the IL refers to. The
/// compiled form, rather than the source's using lines, sees a fully qualified name and a lambda's body alike.
/// </summary>
internal static class AssemblyReferences
{
    private static readonly IReadOnlyDictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    public static IReadOnlyList<NamespaceEdge> Edges(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var names = new Names(reader);
        var edges = new HashSet<NamespaceEdge>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            var from = names.Of(handle);
            void Add(IEnumerable<(string Namespace, string Name)> used)
            {
                foreach (var (ns, name) in used)
                {
                    edges.Add(new NamespaceEdge(from.Namespace, ns, from.Name, name));
                }
            }

            Add(Used(type, names, pe, reader));
        }

        return [.. edges];
    }

    private static IEnumerable<(string, string)> Used(TypeDefinition type, Names names, PEReader pe, MetadataReader reader)
    {
        var used = new List<(string, string)>();
        if (!type.BaseType.IsNil)
        {
            used.AddRange(names.OfType(type.BaseType));
        }

        used.AddRange(type.GetInterfaceImplementations().SelectMany(i => names.OfType(reader.GetInterfaceImplementation(i).Interface)));
        used.AddRange(type.GetFields().SelectMany(f => reader.GetFieldDefinition(f).DecodeSignature(names, null)));
        used.AddRange(type.GetCustomAttributes().SelectMany(a => names.OfMember(reader.GetCustomAttribute(a).Constructor)));
        foreach (var handle in type.GetMethods())
        {
            var method = reader.GetMethodDefinition(handle);
            var signature = method.DecodeSignature(names, null);
            used.AddRange(signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(p => p)));
            used.AddRange(method.GetCustomAttributes().SelectMany(a => names.OfMember(reader.GetCustomAttribute(a).Constructor)));
            if (method.RelativeVirtualAddress != 0)
            {
                used.AddRange(InBody(pe.GetMethodBody(method.RelativeVirtualAddress), names, reader));
            }
        }

        return used;
    }

    /// <summary>The locals of a method body and every token its instructions carry.</summary>
    private static IEnumerable<(string, string)> InBody(MethodBodyBlock body, Names names, MetadataReader reader)
    {
        if (!body.LocalSignature.IsNil)
        {
            foreach (var local in reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(names, null))
            {
                foreach (var used in local)
                {
                    yield return used;
                }
            }
        }

        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE)
            {
                code = unchecked((short)(0xFE00 | il.ReadByte()));
            }

            switch (Operands[code])
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    foreach (var used in names.OfToken(il.ReadInt32()))
                    {
                        yield return used;
                    }

                    break;
                case OperandType.InlineSwitch:
                    // The count is read before the offset moves past the targets it counts.
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                case var other:
                    il.Offset += OperandSize(other);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    /// <summary>Names the types of one assembly's metadata; as a signature provider, the types a signature mentions.</summary>
    private sealed class Names(MetadataReader reader) : ISignatureTypeProvider<ImmutableArray<(string, string)>, object?>
    {
        /// <summary>A type's namespace (a nested type's is its outermost type's) and full name.</summary>
        public (string Namespace, string Name) Of(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var name = reader.GetString(type.Name);
            if (type.GetDeclaringType() is { IsNil: false } outer)
            {
                var (ns, outerName) = Of(outer);
                return (ns, outerName + "+" + name);
            }

            var space = reader.GetString(type.Namespace);
            return (space, space.Length == 0 ? name : space + "." + name);
        }

        public (string Namespace, string Name) Of(TypeReferenceHandle handle)
        {
            var type = reader.GetTypeReference(handle);
            var name = reader.GetString(type.Name);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                var (ns, outerName) = Of((TypeReferenceHandle)type.ResolutionScope);
                return (ns, outerName + "+" + name);
            }

            var space = reader.GetString(type.Namespace);
            return (space, space.Length == 0 ? name : space + "." + name);
        }

        public ImmutableArray<(string, string)> OfType(EntityHandle handle) => handle.Kind switch
        {
            HandleKind.TypeDefinition => [Of((TypeDefinitionHandle)handle)],
            HandleKind.TypeReference => [Of((TypeReferenceHandle)handle)],
            HandleKind.TypeSpecification => reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null),
            _ => [],
        };

        /// <summary>The type a member belongs to and the types of its signature.</summary>
        public ImmutableArray<(string, string)> OfMember(EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.MethodDefinition:
                    return [Of(reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType())];
                case HandleKind.FieldDefinition:
                    return [Of(reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType())];
                case HandleKind.MemberReference:
                    var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                    var signature = member.GetKind() == MemberReferenceKind.Method
                        ? member.DecodeMethodSignature(this, null) is var m ? m.ReturnType.AddRange(m.ParameterTypes.SelectMany(p => p)) : []
                        : member.DecodeFieldSignature(this, null);
                    return OfType(member.Parent).AddRange(signature);
                case HandleKind.MethodSpecification:
                    var specification = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    return OfMember(specification.Method).AddRange(specification.DecodeSignature(this, null).SelectMany(t => t));
                default:
                    return [];
            }
        }

        public ImmutableArray<(string, string)> OfToken(int token)
        {
            var handle = MetadataTokens.EntityHandle(token);
            return handle.Kind is HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification ? OfType(handle) : OfMember(handle);
        }

        public ImmutableArray<(string, string)> GetArrayType(ImmutableArray<(string, string)> elementType, ArrayShape shape) => elementType;

        public ImmutableArray<(string, string)> GetByReferenceType(ImmutableArray<(string, string)> elementType) => elementType;

        public ImmutableArray<(string, string)> GetFunctionPointerType(MethodSignature<ImmutableArray<(string, string)>> signature) =>
            signature.ReturnType.AddRange(signature.ParameterTypes.SelectMany(p => p));

        public ImmutableArray<(string, string)> GetGenericInstantiation(ImmutableArray<(string, string)> genericType, ImmutableArray<ImmutableArray<(string, string)>> typeArguments) =>
            genericType.AddRange(typeArguments.SelectMany(t => t));

        public ImmutableArray<(string, string)> GetGenericMethodParameter(object? genericContext, int index) => [];

        public ImmutableArray<(string, string)> GetGenericTypeParameter(object? genericContext, int index) => [];

        public ImmutableArray<(string, string)> GetModifiedType(ImmutableArray<(string, string)> modifier, ImmutableArray<(string, string)> unmodifiedType, bool isRequired) =>
            unmodifiedType;

        public ImmutableArray<(string, string)> GetPinnedType(ImmutableArray<(string, string)> elementType) => elementType;

        public ImmutableArray<(string, string)> GetPointerType(ImmutableArray<(string, string)> elementType) => elementType;

        public ImmutableArray<(string, string)> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];

        public ImmutableArray<(string, string)> GetSZArrayType(ImmutableArray<(string, string)> elementType) => elementType;

        public ImmutableArray<(string, string)> GetTypeFromDefinition(MetadataReader metadata, TypeDefinitionHandle handle, byte rawTypeKind) => [Of(handle)];

        public ImmutableArray<(string, string)> GetTypeFromReference(MetadataReader metadata, TypeReferenceHandle handle, byte rawTypeKind) => [Of(handle)];

        public ImmutableArray<(string, string)> GetTypeFromSpecification(MetadataReader metadata, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            OfType(handle);
    }
}
