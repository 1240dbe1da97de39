# Scheme snippets are kept on one line each where that reads best.
# ruff: noqa: E501
"""Services: service, simple-service, modify-services, fold-services,
instantiate-missing-services, and service types as first-class values."""

from __future__ import annotations

import pytest
from oscdsl.errors import SchemeError


def error_text(gnu, text: str) -> str:
    with pytest.raises(SchemeError) as info:
        gnu.eval(text)
    return str(info.value)


def test_service_without_value_and_default_is_an_error(gnu):
    gnu.eval("(define t (service-type (name 'needy) (extensions '())))")
    assert "no value specified for service of type 'needy'" in error_text(
        gnu, "(service t)"
    )


def test_service_uses_the_default_value(gnu):
    assert gnu.py(
        "(guix-configuration-chroot? (service-value (service guix-service-type)))"
    ) == ("default")


def test_simple_service_makes_a_fresh_type_per_call(gnu):
    gnu.eval(
        "(define a (simple-service 'x etc-service-type '()))"
        "(define b (simple-service 'x etc-service-type '()))"
    )
    assert gnu.py("(eq? (service-kind a) (service-kind b))") is False


def test_modify_services_replaces_deletes_and_keeps_order(gnu):
    names = gnu.py(
        "(map (compose service-type-name service-kind)"
        " (modify-services %base-services"
        "   (delete console-font-service-type)"
        "   (guix-service-type config => (guix-configuration (inherit config)"
        "                                  (chroot? #t)))))"
    )
    assert "console-font" not in names
    assert names[:3] == ["login", "virtual-terminal", "shepherd-system-log"]
    assert (
        gnu.py(
            "(guix-configuration-chroot? (service-value (find (lambda (s) (eq? (service-kind s)"
            " guix-service-type)) (modify-services %base-services (guix-service-type c =>"
            " (guix-configuration (inherit c) (chroot? #t)))))))"
        )
        is True
    )


def test_modify_services_without_clauses_is_identity(gnu):
    assert gnu.py("(equal? (modify-services %base-services) %base-services)") is True


def test_modify_services_errors_on_a_missing_type(gnu):
    gnu.eval("(use-service-modules ssh)")
    assert "no service of type 'openssh' to delete" in error_text(
        gnu, "(modify-services %base-services (delete openssh-service-type))"
    )


def test_modify_services_errors_after_an_earlier_delete(gnu):
    assert "no service of type 'nscd' to modify" in error_text(
        gnu,
        "(modify-services %base-services (delete nscd-service-type)"
        " (nscd-service-type c => c))",
    )


def test_delete_by_service_kind_of_a_simple_service(gnu):
    gnu.eval("(use-modules (gnu system))")
    names = gnu.py(
        "(map (compose service-type-name service-kind)"
        " (modify-services (list %linux-bare-metal-service (service guix-service-type))"
        "   (delete (service-kind %linux-bare-metal-service))))"
    )
    assert names == ["guix"]


def test_services_filtered_by_identity(gnu):
    remaining = gnu.py(
        "(map service-type-name (map service-kind"
        " (remove (lambda (s) (memq (service-kind s)"
        "   (list nscd-service-type guix-service-type))) %base-services)))"
    )
    assert "nscd" not in remaining and "guix" not in remaining
    assert (
        gnu.py(
            "(length (filter (lambda (s) (eq? 'mingetty (service-type-name (service-kind s))))"
            " %base-services))"
        )
        == 6
    )


CUSTOM = """
(use-modules (gnu services shepherd))
(define hello-service-type
  (service-type
    (name 'hello)
    (extensions
     (list (service-extension shepherd-root-service-type
                              (lambda (greeting)
                                (list (shepherd-service
                                        (provision '(hello))
                                        (start `(say ,greeting))))))
           (service-extension activation-service-type
                              (lambda (greeting) '((mkdir "/var/hello"))))
           (service-extension profile-service-type
                              (lambda (greeting) (list "hello-package")))
           (service-extension etc-service-type
                              (lambda (greeting)
                                (list (list "hello.conf" greeting))))))
    (default-value "hi")
    (description "Say hello.")))
(define services
  (instantiate-missing-services
   (list (service system-service-type '()) (service hello-service-type))))
"""


def test_custom_service_type_extends_four_targets(gnu):
    gnu.eval(CUSTOM)
    provisions = gnu.py(
        "(map shepherd-service-provision (service-value (fold-services services"
        " #:target-type shepherd-root-service-type)))"
    )
    assert provisions == [["hello"]]
    etc = gnu.py(
        "(service-value (fold-services services #:target-type etc-service-type))"
    )
    assert etc == [["hello.conf", "hi"]]
    assert gnu.py(
        "(service-value (fold-services services #:target-type profile-service-type))"
    ) == ["hello-package"]
    system = gnu.py("(map car (service-value (fold-services services)))")
    assert {"etc", "profile", "boot"} <= set(system)


def test_instantiate_missing_services_errors_without_default(gnu):
    gnu.eval(
        "(define root (service-type (name 'root) (extensions '())"
        " (compose concatenate) (extend append)))"
        "(define leaf (simple-service 'leaf root '(1)))"
    )
    assert "no service of type 'root' to extend" in error_text(
        gnu, "(instantiate-missing-services (list leaf))"
    )


def test_fold_services_composes_then_extends(gnu):
    gnu.eval(
        "(define root (service-type (name 'root) (extensions '())"
        " (compose concatenate) (extend (lambda (v parts) (cons v parts)))))"
        "(define a (simple-service 'a root '(1 2)))"
        "(define b (simple-service 'b root '(3)))"
    )
    assert gnu.py(
        "(service-value (fold-services (list (service root 0) a b) #:target-type root))"
    ) == [0, 1, 2, 3]


def test_shepherd_service_via_simple_service(gnu):
    gnu.eval(
        "(use-modules (gnu services shepherd))"
        "(define s (simple-service 'mine shepherd-root-service-type"
        " (list (shepherd-service (provision '(mine)) (start #~(const #t))))))"
    )
    assert gnu.py(
        "(map shepherd-service-provision (service-value (fold-services"
        " (instantiate-missing-services (list s (service system-service-type)))"
        " #:target-type shepherd-root-service-type)))"
    ) == [["mine"]]


def test_unrunnable_service_type_still_evaluates_and_is_reported(gnu):
    gnu.eval("(use-service-modules desktop xorg)")
    assert gnu.py("(service-type-runnable? gdm-service-type)") is False
    assert gnu.py("(service-type-runnable? guix-service-type)") is True
    assert gnu.py("(length %desktop-services)") > 30
