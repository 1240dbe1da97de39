;;; Checks hygiene of syntax-rules: bindings a macro introduces do not
;;; capture user variables, and the macro's own references to if, let and
;;; list keep their meaning even where the user rebinds those names.

(define-syntax my-or2
  (syntax-rules ()
    ((_ a b) (let ((tmp a)) (if tmp tmp b)))))
(define tmp 'user-tmp)
(write (my-or2 #f tmp)) (newline)

(define-syntax swap!
  (syntax-rules ()
    ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
(define other 'other)
(swap! tmp other)
(write (list tmp other)) (newline)

(define-syntax my-if
  (syntax-rules ()
    ((_ c t e) (cond (c t) (else e)))))
(write (let ((if list) (cond 'shadowed) (else #f))
         (my-if #t 'yes 'no)))
(newline)

(define-syntax safe-first
  (syntax-rules ()
    ((_ lst) (if (pair? lst) (car lst) 'empty))))
(write (let ((if (lambda args 'user-if)) (car cdr))
         (list (safe-first '(1 2)) (safe-first '()))))
(newline)

(define helper-value 'from-definition-site)
(define-syntax get-helper
  (syntax-rules ()
    ((_) helper-value)))
(write (let ((helper-value 'from-use-site)) (get-helper))) (newline)

(define-syntax with-counter
  (syntax-rules ()
    ((_ body ...)
     (let loop ((i 0))
       (if (< i 3) (begin body ... (loop (+ i 1))))))))
(define i 100)
(with-counter (display i) (display " "))
(newline)

(define-syntax make-list-of
  (syntax-rules ()
    ((_ x ...) (list x ...))))
(write (let ((list vector)) (make-list-of 1 2 3))) (newline)
