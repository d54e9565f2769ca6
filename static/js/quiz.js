// Self-check questions (::: quiz blocks). Without JavaScript, each question
// is a set of radio buttons and a <details> holding the right answer and its
// explanation. This shows the "check" button: it says in the status line
// whether the chosen answer is right, marks the chosen answer, and opens
// the <details>. Nothing is stored or sent.
// It may run again over a page whose <main> the preview server updated
// in place: questions it already set up are left as they are.
const ready = new WeakSet();

export function setupQuizzes() {
  for (const quiz of document.querySelectorAll(".quiz")) {
    for (const question of quiz.querySelectorAll("fieldset.quiz-question")) {
      const button = question.querySelector("button.quiz-check");
      const result = question.querySelector(".quiz-result");
      const solution = question.querySelector("details.quiz-solution");
      if (!button || !result || ready.has(button)) continue;
      ready.add(button);
      button.hidden = false;
      button.addEventListener("click", () => {
        for (const li of question.querySelectorAll(".quiz-choices li")) {
          li.classList.remove("quiz-chosen-right", "quiz-chosen-wrong");
        }
        const chosen = question.querySelector("input[type=radio]:checked");
        if (!chosen) {
          result.textContent = quiz.dataset.none || "";
          return;
        }
        const right = chosen.value === question.dataset.answer;
        chosen.closest("li").classList.add(right ? "quiz-chosen-right" : "quiz-chosen-wrong");
        result.textContent = (right ? quiz.dataset.right : quiz.dataset.wrong) || "";
        result.className = "quiz-result " + (right ? "quiz-result-right" : "quiz-result-wrong");
        if (solution) solution.open = true;
      });
    }
  }
}
