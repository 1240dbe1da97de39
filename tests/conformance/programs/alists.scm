;;; Checks association lists: assq/assv/assoc, assoc with a custom equality,
;;; acons, assq-ref/assoc-ref, assq-set!/assoc-set!, alist-copy,
;;; alist-delete and assq-remove!.

(use-modules (srfi srfi-1))

(define al '((a . 1) (b . 2) (c . 3)))
(write (assq 'b al)) (newline)
(write (assq 'z al)) (newline)
(write (assv 2 '((1 . one) (2 . two)))) (newline)
(write (assoc "b" '(("a" . 1) ("b" . 2)))) (newline)
(write (assoc 2.0 '((1 . one) (2 . two)) =)) (newline)
(write (assoc "B" '(("a" . 1) ("b" . 2)) string-ci=?)) (newline)
(write (acons 'new 0 al)) (newline)
(write (assq-ref al 'c)) (newline)
(write (assq-ref al 'missing)) (newline)
(write (assoc-ref '(("x" . 10)) "x")) (newline)
(write (assv-ref '((1 . "one")) 1)) (newline)

(define mut (list (cons 'a 1) (cons 'b 2)))
(set! mut (assq-set! mut 'a 100))
(set! mut (assq-set! mut 'z 26))
(write mut) (newline)
(define smut (list (cons "k" 1)))
(set! smut (assoc-set! smut "k" 2))
(write smut) (newline)

(define orig (list (cons 'x 1)))
(define copy (alist-copy orig))
(set-cdr! (car copy) 99)
(write (list orig copy)) (newline)
(write (alist-delete 'b '((a . 1) (b . 2) (c . 3) (b . 4)))) (newline)
(write (assq-remove! (list (cons 'a 1) (cons 'b 2)) 'a)) (newline)
(write (map car al)) (newline)
(write (map (lambda (p) (cons (cdr p) (car p))) al)) (newline)
