using System.Collections;

namespace nanoFramework.TestFramework
{
    /// <summary>Assertions on collections, element by element in enumeration order.</summary>
    public static class CollectionAssert
    {
        public static void AreEqual(ICollection expected, ICollection actual, string message = "")
        {
            string difference = Difference(expected, actual);
            if (difference != null)
            {
                Assert.Fail("CollectionAssert.AreEqual", difference, message);
            }
        }

        public static void AreNotEqual(ICollection notExpected, ICollection actual, string message = "")
        {
            if (Difference(notExpected, actual) == null)
            {
                Assert.Fail("CollectionAssert.AreNotEqual", "The collections are equal. ", message);
            }
        }

        public static void Empty(ICollection collection, string message = "")
        {
            if (collection == null || collection.Count != 0)
            {
                Assert.Fail("CollectionAssert.Empty", "The collection is not empty. ", message);
            }
        }

        public static void NotEmpty(ICollection collection, string message = "")
        {
            if (collection == null || collection.Count == 0)
            {
                Assert.Fail("CollectionAssert.NotEmpty", "The collection is empty. ", message);
            }
        }

        /// <summary>Why the two collections differ, or null when they hold equal elements in the same order.</summary>
        static string Difference(ICollection expected, ICollection actual)
        {
            if (expected == null || actual == null)
            {
                return expected == actual ? null : "One collection is null. ";
            }

            if (expected.Count != actual.Count)
            {
                return "Expected count:<" + expected.Count + ">. Actual count:<" + actual.Count + ">. ";
            }

            IEnumerator e = expected.GetEnumerator();
            IEnumerator a = actual.GetEnumerator();
            for (int index = 0; e.MoveNext() && a.MoveNext(); index++)
            {
                if (!Assert.AreEquivalent(e.Current, a.Current))
                {
                    return "Element at index " + index + " differs. Expected:<" + Assert.Show(e.Current) + ">. Actual:<" + Assert.Show(a.Current) + ">. ";
                }
            }

            return null;
        }
    }
}
