import pandas as pd
import pytest
from matplotlib.figure import Figure

from evaltoolkit.errors import InputError
from evaltoolkit.topics import plot_code_similarity, plot_topic_sizes, plot_topics_over_time, save_figure, topic_frame
from evaltoolkit.topics.runs import topic_segments


@pytest.fixture(scope="module")
def frame_and_model(participant_segments, codes, corpus):
    from .helpers import make_fast_modeler

    from evaltoolkit.topics.runs import assignments_table, topics_table

    modeler = make_fast_modeler().fit(participant_segments["text"].tolist(), codes)
    ids = participant_segments["segment_id"]
    topics = topics_table(modeler, ids, model_version="v1", threshold=0.3)
    assignments = assignments_table(ids, modeler.labels_, modeler.probabilities_, "v1")
    return topic_frame(assignments, topics, topic_segments(corpus.segments, corpus.documents)), modeler


def test_topic_frame_joins_labels_and_segment_metadata(frame_and_model, participant_segments):
    frame, _ = frame_and_model
    assert list(frame.columns) == ["segment_id", "model_version", "topic_id", "probability", "topic",
                                   "perspective", "site", "round", "collected_on"]
    assert len(frame) == len(participant_segments) and frame["topic"].str.match(r"^\d+: ").all()


@pytest.mark.parametrize("by", ["perspective", "site", "round"])
def test_topic_sizes_figure_has_one_bar_group_per_topic(frame_and_model, by, tmp_path):
    frame, _ = frame_and_model
    figure = plot_topic_sizes(frame, by=by)
    assert isinstance(figure, Figure)
    assert len(figure.axes[0].get_yticklabels()) == 8
    path = save_figure(figure, tmp_path / "figs" / f"sizes_{by}.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_topic_sizes_rejects_an_unknown_grouping(frame_and_model):
    with pytest.raises(InputError) as error:
        plot_topic_sizes(frame_and_model[0], by="gender")
    assert str(error.value) == "by must be one of perspective, site, round. Got 'gender' instead."


def test_topics_over_time_has_a_line_per_topic_by_month(frame_and_model):
    frame, _ = frame_and_model
    figure = plot_topics_over_time(frame, top=3)
    lines = figure.axes[0].get_lines()
    assert len(lines) == 3
    months = pd.to_datetime(frame["collected_on"]).dt.to_period("M").nunique()
    assert all(len(line.get_xdata()) == months for line in lines)


def test_code_similarity_heatmap_has_topics_by_codes(frame_and_model, tmp_path):
    _, modeler = frame_and_model
    labels = modeler.topic_info_.set_index("topic_id")["label"]
    figure = plot_code_similarity(modeler.code_similarity_, labels=labels)
    ax = figure.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == modeler.code_similarity_.columns.tolist()
    assert len(ax.get_yticklabels()) == 8
    assert save_figure(figure, tmp_path / "heat.png").stat().st_size > 1000
