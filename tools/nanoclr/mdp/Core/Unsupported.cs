using System;

namespace nanoFramework.Tools.MetadataProcessor.Core
{
    /// <summary>Stands in for the metadata dump generator, which this build leaves out.</summary>
    public sealed class nanoDumperGenerator
    {
        public nanoDumperGenerator(nanoTablesContext tablesContext, string path)
        {
        }

        public void DumpAll() => throw new NotSupportedException("this MetadataProcessor build has no -dump_all");
    }

    /// <summary>Stands in for the native skeleton generator, which this build leaves out.</summary>
    public sealed class nanoSkeletonGenerator
    {
        public nanoSkeletonGenerator(nanoTablesContext tablesContext, string path, string name, string project, bool withoutInteropCode, bool isCoreLib)
        {
        }

        public void GenerateSkeleton() => throw new NotSupportedException("this MetadataProcessor build has no -generateskeleton");
    }
}
